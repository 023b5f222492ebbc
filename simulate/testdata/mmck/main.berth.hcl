# M/M/c/K and Erlang B: one replica with c workers and K − c places to
# wait (queue = 0 is the loss system M/M/c/c), Poisson arrivals, exponential
# service. An arrival that finds K requests in the system is rejected (503).

variable "rate" {
  type        = number
  description = "arrivals per second (λ)"
}

variable "workers" {
  type        = number
  description = "c"
}

variable "queue" {
  type        = number
  description = "K − c"
}

variable "duration" {
  type = string
}

service "s" {
  capacity {
    workers      = var.workers
    queue        = var.queue
    service_time = "exp(1s)" # μ = 1
  }
}

load "l" {
  entry    = service.s
  rate     = var.rate
  duration = var.duration
  warmup   = "500s"
}
