variable "n" {
  type    = number
  default = 0
  validation {
    condition     = var.n > 0
    error_message = "n must be positive."
  }
}
service "a" {
  replicas = var.n
}
