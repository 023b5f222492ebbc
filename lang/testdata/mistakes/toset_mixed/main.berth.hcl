locals {
  x = toset([[1], "a"])
}
service "a" {
  labels = { x = tostring(local.x) }
}
