locals {
  x = log(1, 1)
}
service "a" {
  labels = { x = tostring(local.x) }
}
