service "a" {
  capacity {
    workers = 1e400
  }
}
