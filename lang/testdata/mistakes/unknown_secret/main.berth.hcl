service "api" {
  secrets = [secret.jwt]
}
