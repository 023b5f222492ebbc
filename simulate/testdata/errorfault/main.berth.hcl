# An error fault against retries: s answers a share p of its requests with
# an error at once (no work), each request independently, so a call with
# `attempts` in total fails with probability p^attempts. s has more workers
# than it can use, so its admitted requests never queue: its mean latency
# is (1 − p)·E[S], the failed ones taking no time.

variable "probability" {
  type    = number
  default = 0.5
}

variable "attempts" {
  type    = number
  default = 1
}

variable "replicas" {
  type    = number
  default = 2
}

variable "at" {
  type    = string
  default = "0s"
}

variable "duration" {
  type    = string
  default = "0s"
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
  replicas = 2

  capacity {
    workers      = 1000000
    queue        = 0
    service_time = "exp(10ms)"
  }
}

link "front" "s" {
  timeout = "10s"

  retry {
    attempts = var.attempts
    backoff  = "constant"
    base     = "1ms"
    jitter   = "none"
    on       = ["5xx"]
  }
}

load "l" {
  entry    = service.front
  rate     = 500
  duration = "200s"
  warmup   = "1s"
}

scenario "errors" {
  fault "error" {
    service     = "s"
    probability = var.probability
    at          = var.at
    duration    = var.duration
  }
}

scenario "one-replica" {
  fault "error" {
    service     = "s"
    replicas    = 1
    probability = var.probability
    at          = var.at
  }
}
