service "api" {
  capacity {
    worker = 4
  }
}
