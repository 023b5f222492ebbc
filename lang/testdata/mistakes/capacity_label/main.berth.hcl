service "a" {
  capacity "x" {
    workers = 2
  }
}
