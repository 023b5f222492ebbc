service "a" {
  capacity {
    workers = 2.5
  }
}
