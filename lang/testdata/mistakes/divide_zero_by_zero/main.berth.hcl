locals {
  n = 0
}
service "a" {
  replicas = local.n / 0
}
