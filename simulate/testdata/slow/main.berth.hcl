# A slow fault as queueing: s is one worker with exp(1s) local work; a slow
# fault over the whole run adds its delay after the work, holding the
# worker, so s becomes an M/G/1 whose service is work + delay, and
# Pollaczek–Khinchine gives its mean sojourn.

variable "rate" {
  type    = number
  default = 0.5
}

variable "delay" {
  type    = string
  default = "const(500ms)"
}

service "s" {
  capacity {
    workers      = 1
    queue        = 1000000000
    service_time = "exp(1s)"
  }
}

load "l" {
  entry    = service.s
  rate     = var.rate
  duration = "400000s"
  warmup   = "20000s"
}

scenario "slow" {
  load = load.l

  fault "slow" {
    service = "s"
    delay   = var.delay
    at      = "0s"
  }
}
