# Local work on limited cores: resources.cpus = c is a CFS quota, so k
# requests working at once each run at min(1, c/k) of a core, at most
# ceil(c) at once, which the requests take in FIFO order; the 64 workers
# are never the limit. cpus = 1.5 with exponential work of mean 1 s is a
# birth-death chain served at rate min(n, 1.5)/s with n in the system;
# cpus = 0.5 with constant work of 1 s an M/D/1 of 2 s.

variable "rate" {
  type = number
}

variable "cpus" {
  type = number
}

variable "service_time" {
  type    = string
  default = "exp(1s)"
}

service "s" {
  resources {
    cpus = var.cpus
  }

  capacity {
    workers      = 64
    queue        = 1000000000
    service_time = var.service_time
  }
}

load "l" {
  entry    = service.s
  rate     = var.rate
  duration = "300000s"
  warmup   = "5000s"
}
