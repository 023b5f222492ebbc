variable "replicas" {
  default = 2
}

locals {
  env = { A = "1" }
}

network "backend" {}

service "orders" {
  replicas = var.replica # ERROR: Reference to undeclared input variable
  env      = local.envs # ERROR: Reference to undeclared local value
  networks = [network.bakend] # ERROR: Reference to undeclared network
  labels   = { key = each.key } # ERROR: Reference to each outside for_each
}

service "gateway" {
  depends_on = [servce.orders] # ERROR: Unknown reference
  networks   = [network.backend]
}

load "peak" {
  entry = service.ordrs # ERROR: Reference to undeclared service
  rate  = 10
}
