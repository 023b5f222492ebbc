locals {
  ports = tomap({ web = 8080, api = 9090 })
  k = "wbe"
}
service "a" {
  replicas = local.ports[local.k]
}
