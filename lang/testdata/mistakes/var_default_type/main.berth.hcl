variable "n" {
  type    = number
  default = "two"
}
