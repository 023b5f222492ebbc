variable "a" {
  default = var.b
}
