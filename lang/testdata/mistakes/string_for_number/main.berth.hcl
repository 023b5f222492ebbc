service "api" {
  replicas = "three"
}
