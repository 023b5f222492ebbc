service "a" {
  depends_on = [service.b]
}
