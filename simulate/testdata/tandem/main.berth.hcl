# A Jackson tandem: front → a → b, each call in sequence, exponential
# local work everywhere. front and a are async (waiting on a call holds no
# worker), so each station is an M/M/1 of its own local work (Burke's
# theorem), and front's latency is W = Σ 1/(μᵢ − λᵢ), plus the link's
# latency each way. b sees λ·p when a calls it with probability p.

variable "rate" {
  type    = number
  default = 0.5
}

variable "probability" {
  type    = number
  default = 1
}

variable "latency" {
  type    = string
  default = "const(0s)"
}

variable "duration" {
  type    = string
  default = "200000s"
}

service "front" {
  capacity {
    model        = "async"
    workers      = 1
    queue        = 1000000000
    service_time = "exp(500ms)" # μ = 2
  }

  endpoint "get" {
    call "a" {}
  }
}

service "a" {
  capacity {
    model        = "async"
    workers      = 1
    queue        = 1000000000
    service_time = "exp(800ms)" # μ = 1.25
  }

  endpoint "get" {
    call "b" {
      probability = var.probability
    }
  }
}

service "b" {
  capacity {
    workers      = 1
    queue        = 1000000000
    service_time = "exp(1s)" # μ = 1
  }
}

link "front" "a" {
  latency = var.latency
}

link "a" "b" {
  latency = var.latency
}

load "l" {
  entry    = service.front
  rate     = var.rate
  duration = var.duration
  warmup   = "10000s"
}
