locals {
  ports = tomap({ web = 8080, api = 9090 })
}
service "a" {
  replicas = local.ports["wbe"]
}
