variable "names" {
  default = ["a", "b", "c"]
}
locals {
  i = 5
}
service "a" {
  image = var.names[local.i]
}
