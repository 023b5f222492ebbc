service "a" {
  replicas = 1
  replicas = 2
}
