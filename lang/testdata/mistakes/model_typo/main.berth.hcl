service "a" {
  capacity {
    model = "threaded"
  }
}
