service "a" {
  replicas = maximum(1, 2)
}
