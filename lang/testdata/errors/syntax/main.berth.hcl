service "api" {
  replicas = = 3 # ERROR: Invalid expression
}
