variable "token" {
  sensitive = true
  default   = "s3cret"
}
locals {
  xs = toset([var.token, ["b"]])
}
service "a" {
  env = { N = length(local.xs) }
}
