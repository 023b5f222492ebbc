service "2fa" {}

service "api" {
  depends_on = [service.2fa]
}
