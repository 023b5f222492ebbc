service "a" {
  replicas = max("a", 2)
}
