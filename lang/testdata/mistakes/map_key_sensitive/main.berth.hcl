variable "ports" {
  type      = map(string)
  sensitive = true
  default   = { web = "8080", api = "9090" }
}
service "a" {
  image = var.ports["wbe"]
}
