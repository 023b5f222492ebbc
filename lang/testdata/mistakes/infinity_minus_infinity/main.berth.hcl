locals {
  n = 1/0
}
service "a" {
  replicas = local.n - local.n
}
