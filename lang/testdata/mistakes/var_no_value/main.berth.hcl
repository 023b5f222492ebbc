variable "n" {
  type = number
}
service "a" {
  replicas = var.n
}
