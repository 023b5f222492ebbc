variable "image" { # ERROR: No value for required variable
  type = string
}

variable "replicas" {
  type    = number
  default = 0
  validation {
    condition     = var.replicas > 0 # ERROR: Invalid value for variable
    error_message = "replicas must be positive."
  }
}

variable "ports" {
  type    = list(number)
  default = ["a", "b"] # ERROR: Invalid value for variable
}

variable "bad type" { # ERROR: Invalid variable name
  default = 1
}

variable "mode" {
  type    = strng # ERROR: Invalid type specification
  default = "x"
}

service "api" {
  image    = var.image
  replicas = var.replicas
}
