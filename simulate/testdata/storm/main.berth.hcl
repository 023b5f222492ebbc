# The retry-storm anchor (metastable failure): a client calls a backend
# (μ = 1000/s, one worker, a deep queue) with a 50 ms timeout per attempt
# at ρ = 0.6; arrivals double from 5 s to 10 s. The tests set the retry
# policy through the variables.

variable "attempts" {
  type    = number
  default = 1 # no retries
}

variable "budget" {
  type    = number
  default = 0
}

service "client" {
  capacity {
    workers = 1000000
    queue   = 0
  }

  endpoint "get" {
    call "backend" {}
  }
}

service "backend" {
  capacity {
    workers      = 1
    queue        = 1000000
    service_time = "exp(1ms)"
  }
}

link "client" "backend" {
  timeout = "50ms"

  retry {
    attempts = var.attempts
    backoff  = "constant"
    base     = "1ns" # immediate
    jitter   = "none"
    budget   = var.budget
  }
}

load "l" {
  entry    = service.client
  rate     = 600
  duration = "40s"

  step {
    at   = "5s"
    rate = 1200
  }

  step {
    at   = "10s"
    rate = 600
  }
}
