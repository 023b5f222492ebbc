locals {
  a = 1
}
service "a" {
  replicas = local.z
}
