# A queue drained by competing consumers: front publishes every request's
# message (and answers at once), and the workers' replicas × concurrency
# consumer threads take them one at a time, exponential work of mean 1 s.
# rabbitmq: one FIFO before c = replicas × concurrency consumers, an M/M/c
# whose lag (publish to start of processing) is Erlang C's Wq. kafka:
# messages keyed to partitions at random, each partition one consumer's, so
# with one consumer per partition each is an M/M/1 at λ/partitions. With a
# capacity, a publish that finds that many messages waiting fails: an
# M/M/c/K with K = c + capacity.

variable "rate" {
  type    = number
  default = 3.2
}

variable "kind" {
  type    = string
  default = "rabbitmq"
}

variable "partitions" {
  type    = number
  default = 1
}

variable "capacity" {
  type    = number
  default = 0 # unbounded
}

variable "replicas" {
  type    = number
  default = 2
}

variable "workers" {
  type    = number
  default = 64 # never used by the consumers
}

variable "concurrency" {
  type    = number
  default = 2
}

variable "duration" {
  type    = string
  default = "100000s"
}

queue "jobs" {
  kind       = var.kind
  partitions = var.partitions
  capacity   = var.capacity
}

service "front" {
  capacity {
    workers = 1000000
    queue   = 0
  }

  endpoint "post" {
    publish "jobs" {}
  }
}

service "workers" {
  replicas = var.replicas

  capacity {
    workers      = var.workers
    service_time = "exp(1s)"
  }

  consume "jobs" {
    concurrency = var.concurrency
  }
}

load "l" {
  entry    = service.front
  rate     = var.rate
  duration = var.duration
  warmup   = "5000s"
}
