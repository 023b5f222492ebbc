locals {
  x = pow(-8, 0.5)
}
service "a" {
  labels = { x = tostring(local.x) }
}
