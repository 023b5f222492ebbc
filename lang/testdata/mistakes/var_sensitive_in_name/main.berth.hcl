variable "suffix" {
  type      = string
  sensitive = true
  default   = "x"
}
service "s" {
  for_each = toset(["a"])
  name     = "s-${var.suffix}"
}
