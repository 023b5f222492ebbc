variable "name" {
  type    = strin
  default = "x"
}
