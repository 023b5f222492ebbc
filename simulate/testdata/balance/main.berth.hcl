# Replicas against workers: a front service that does no work of its own
# spreads Poisson arrivals over four single-worker replicas of s with the
# link's load_balancing. random: four M/M/1 at λ/4; round_robin: each
# replica sees every fourth arrival (E4/M/1); least_request: join the
# shortest queue, close to one M/M/4.

variable "rate" {
  type    = number
  default = 3.2 # ρ = 0.8 with μ = 1
}

variable "balancing" {
  type    = string
  default = "random"
}

variable "duration" {
  type    = string
  default = "100000s"
}

service "front" {
  capacity {
    workers = 1000000
    queue   = 0
  }

  endpoint "get" {
    call "s" {}
  }
}

service "s" {
  replicas = 4

  capacity {
    workers      = 1
    queue        = 1000000000
    service_time = "exp(1s)"
  }
}

link "front" "s" {
  load_balancing = var.balancing
}

load "l" {
  entry    = service.front
  rate     = var.rate
  duration = var.duration
  warmup   = "5000s"
}
