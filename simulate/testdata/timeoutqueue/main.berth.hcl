# Timeouts on an M/M/1 (μ = 1) whose requests queue: a timed-out request
# stays in the queue and is served all the same, so s stays the M/M/1 it
# is, its sojourn W exponential of rate μ − λ. front's per-attempt timeout
# t fails a call with probability P(W > t) = e^(−(μ − λ)t), after
# E[min(W, t)] = (1 − e^(−(μ − λ)t))/(μ − λ). With entry = "s", the
# load's clients time out the same way at s itself.

variable "rate" {
  type    = number
  default = 0.5
}

variable "timeout" {
  type    = string
  default = "2s"
}

variable "entry" {
  type    = string
  default = "front"
}

variable "client_timeout" {
  type    = string
  default = "0s" # the clients wait
}

service "s" {
  capacity {
    workers      = 1
    queue        = 1000000000
    service_time = "exp(1s)"
  }
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

link "front" "s" {
  timeout = var.timeout
}

load "l" {
  entry    = var.entry
  rate     = var.rate
  duration = "200000s"
  warmup   = "5000s"
  timeout  = var.client_timeout
}
