service "a" {
  capacity = {
    workers = 2
  }
}
