berth {
  project = "shop"
  backend = "compose"
  nodes   = 3
  defaults {
    hop_latency = "0.3ms"
  }
}

variable "orders_replicas" {
  type        = number
  default     = 2
  description = "orders replicas at peak"
  validation {
    condition     = var.orders_replicas > 0
    error_message = "orders needs at least one replica."
  }
}

variable "shard_replicas" {
  type    = map(number)
  default = { a = 2 }
}

locals {
  common_env = { LOG_LEVEL = "info" }
  shards     = toset(["a", "b", "c"])
}

network "edge" {}
network "backend" {
  internal = true
  labels   = { tier = "data" }
}
volume "orders-data" { driver = "local" }
secret "jwt" { file = "secrets/jwt.pem" }
config "nginx" { file = "nginx.conf" }
