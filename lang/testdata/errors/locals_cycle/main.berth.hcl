locals {
  a = local.b + 1 # ERROR: Reference cycle
  b = local.c * 2
  c = local.a
  d = local.d # ERROR: Reference cycle
  e = local.a + 1
  f = 3
}

service "api" {
  replicas = local.f
}
