service "api" {
  capacity {
    workers = 0
  }
}
