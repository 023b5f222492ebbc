# Fork-join of two M/M/1 branches (Nelson–Tantawi): a front service that
# does no work of its own calls a and b in parallel; its latency is the
# later of the two sojourns. Both branches see the same arrivals.

variable "rate" {
  type    = number
  default = 0.5 # ρ with μ = 1
}

variable "duration" {
  type    = string
  default = "800000s"
}

service "front" {
  capacity {
    workers = 1000000
    queue   = 0
  }

  endpoint "get" {
    parallel {
      call "a" {}
      call "b" {}
    }
  }
}

service "a" {
  capacity {
    workers      = 1
    queue        = 1000000000
    service_time = "exp(1s)"
  }
}

service "b" {
  capacity {
    workers      = 1
    queue        = 1000000000
    service_time = "exp(1s)"
  }
}

link "front" "a" {}
link "front" "b" {}

load "l" {
  entry    = service.front
  rate     = var.rate
  duration = var.duration
  warmup   = "40000s"
}
