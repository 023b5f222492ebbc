locals {
  x = jsondecode("{bad")
}
service "a" {
  labels = { x = tostring(local.x) }
}
