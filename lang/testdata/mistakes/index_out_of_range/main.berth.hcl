locals {
  l = [1, 2]
}
service "a" {
  replicas = local.l[5]
}
