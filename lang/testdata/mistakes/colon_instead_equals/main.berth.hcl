service "a" {
  replicas: 1
}
