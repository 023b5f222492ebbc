# A variable's default holds no references, and a validation condition may
# refer to variables only: each use of another kind of name is "not allowed
# here", not "nothing named local in a berth spec".

variable "a" {
  default = var.b # ERROR: Reference not allowed here
}

variable "b" {
  default = local.x # ERROR: Reference not allowed here
}

variable "c" {
  type    = list(string)
  default = [service.api.name] # ERROR: Reference not allowed here
}

variable "d" {
  default = 1
  validation {
    condition     = local.x > 0 # ERROR: Reference not allowed here
    error_message = "d must be positive."
  }
}

variable "e" {
  default = upper("fine") # functions are allowed
}

locals {
  x = 1
}

service "api" {
  labels = { a = var.a, b = var.b, c = join(",", var.c), d = var.d, e = var.e }
}
