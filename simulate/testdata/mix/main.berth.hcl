# One worker, two endpoints entered by weight with different constant
# service times: an M/G/1 whose service time is the mixture. Every request
# waits the same Pollaczek–Khinchine Wq = λE[S²]/(2(1 − λE[S])), then
# works its endpoint's own time.

variable "weight" {
  type    = number
  default = 1
}

service "s" {
  capacity {
    workers = 1
    queue   = 1000000000
  }

  endpoint "short" {
    service_time = "const(500ms)"
  }

  endpoint "long" {
    weight       = var.weight
    service_time = "const(2s)"
  }
}

load "l" {
  entry    = service.s
  rate     = 0.6
  duration = "300000s"
  warmup   = "5000s"
}
