service "a" {
  replicas = 2.5
}
