service "api" {
  replicas = var.replicas
}
