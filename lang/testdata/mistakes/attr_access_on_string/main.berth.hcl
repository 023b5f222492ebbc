locals {
  s = "x"
}
service "a" {
  replicas = local.s.n
}
