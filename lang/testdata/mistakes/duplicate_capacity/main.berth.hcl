service "a" {
  capacity {
    workers = 2
  }
  capacity {
    workers = 3
  }
}
