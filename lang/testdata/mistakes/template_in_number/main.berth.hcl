service "a" {
  replicas = "${1 + 1}x"
}
