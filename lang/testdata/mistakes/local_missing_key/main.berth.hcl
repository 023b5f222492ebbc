locals {
  ports = { api = 8080, web = 80 }
}
service "a" {
  env = { PORT = tostring(local.ports.wbe) }
}
