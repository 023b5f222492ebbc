locals {
  names = ["a", "b"]
  n     = local.names.length
}
