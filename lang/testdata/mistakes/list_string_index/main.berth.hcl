locals {
  names = ["a", "b", "c"]
}
service "a" {
  image = local.names["web"]
}
