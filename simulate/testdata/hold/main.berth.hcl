# Erlang B twice: a loss system is insensitive to the holding time's
# distribution, so its blocking is B(c, λ·E[hold]) whatever holds a slot.
#
# front has 4 workers and no queue. Thread model: a request holds its
# worker through its local work (mean 0.5 s) and its call to backend
# (which never queues: mean 0.5 s), 1 s in all; async: through its local
# work only. front → backend is capped by a bulkhead of 4 concurrent
# calls that rejects at once; with front's workers unlimited, each call
# holds a slot for backend's 0.5 s.

variable "rate" {
  type    = number
  default = 3
}

variable "model" {
  type    = string
  default = "thread"
}

variable "workers" {
  type    = number
  default = 4
}

variable "bulkhead" {
  type    = number
  default = 1000000
}

variable "duration" {
  type    = string
  default = "100000s"
}

service "front" {
  capacity {
    model        = var.model
    workers      = var.workers
    queue        = 0
    service_time = "exp(500ms)"
  }

  endpoint "get" {
    call "backend" {}
  }
}

service "backend" {
  capacity {
    workers      = 1000000
    queue        = 0
    service_time = "exp(500ms)"
  }
}

link "front" "backend" {
  bulkhead {
    max_concurrent = var.bulkhead
  }
}

load "l" {
  entry    = service.front
  rate     = var.rate
  duration = var.duration
  warmup   = "1000s"
}
