# M/M/c, M/D/1 and M/G/1 queues: one replica with c workers and a queue
# that never fills, Poisson arrivals (or evenly spaced ones: D/M/1). The
# tests set the variables.

variable "rate" {
  type        = number
  description = "arrivals per second (λ)"
}

variable "workers" {
  type    = number
  default = 1
}

variable "service_time" {
  type    = string
  default = "exp(1s)" # μ = 1
}

variable "duration" {
  type = string
}

variable "warmup" {
  type = string
}

variable "arrival" {
  type    = string
  default = "poisson" # constant: D/M/c
}

service "s" {
  capacity {
    workers      = var.workers
    queue        = 1000000000
    service_time = var.service_time
  }
}

load "l" {
  entry    = service.s
  rate     = var.rate
  arrival  = var.arrival
  duration = var.duration
  warmup   = var.warmup
}
