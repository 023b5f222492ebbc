variable "n" {
  type    = integer
  default = 1
}
service "a" {
  replicas = var.n
}
