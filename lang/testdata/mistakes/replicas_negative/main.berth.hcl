service "api" {
  replicas = -1
}
