variable "ports" {
  type    = map(number)
  default = { web = 8080, api = 9090 }
}
service "a" {
  replicas = var.ports.wbe
}
