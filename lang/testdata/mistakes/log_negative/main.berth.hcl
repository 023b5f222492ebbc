locals {
  x = log(-1, 10)
}
service "a" {
  labels = { x = tostring(local.x) }
}
