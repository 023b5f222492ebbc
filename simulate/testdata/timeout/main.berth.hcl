# Timeouts against exponential sojourns: s has more workers than it can
# ever use (M/M/∞), so every attempt's sojourn is its service time, of
# mean 1/μ = 100 ms. An attempt times out with probability e^(−μt), each
# attempt independently of the others, so with `attempts` in total the
# call fails with probability e^(−μt·attempts).

variable "timeout" {
  type    = string
  default = "200ms"
}

variable "attempts" {
  type    = number
  default = 1
}

variable "duration" {
  type    = string
  default = "200s"
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
  capacity {
    workers      = 1000000
    queue        = 0
    service_time = "exp(100ms)" # μ = 10/s
  }
}

link "front" "s" {
  timeout = var.timeout

  retry {
    attempts = var.attempts
    backoff  = "constant"
    base     = "1ms"
    jitter   = "none"
  }
}

load "l" {
  entry    = service.front
  rate     = 1000
  duration = var.duration
  warmup   = "1s"
}
