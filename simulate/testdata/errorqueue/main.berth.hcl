# An error fault on a service whose requests queue: s is an M/M/1 (μ = 1)
# offered λ = 0.9, and the fault fails each request that starts there
# with probability p, at once. A request that waited in the queue starts
# when a worker frees up, and is failed then like one that found a free
# worker. The failed requests take no time, so s is an M/G/1 whose
# service time is 0 with probability p, exp(1 s) otherwise.

variable "probability" {
  type    = number
  default = 0.5
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
  rate     = 0.9
  duration = "250000s"
  warmup   = "5000s"
}

scenario "errors" {
  fault "error" {
    service     = "s"
    probability = var.probability
    at          = "0s"
  }
}
