variable "n" {
  default = 1
  validation {
    condition     = local.x > 0
    error_message = "bad"
  }
}
