locals {
  x = replace("a-b", "/(-/", "_")
}
service "a" {
  labels = { x = local.x }
}
