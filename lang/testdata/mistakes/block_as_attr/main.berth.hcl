service "a" {
  replicas {
    count = 2
  }
}
