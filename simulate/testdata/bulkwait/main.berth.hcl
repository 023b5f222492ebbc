# A bulkhead that lets a call wait for a slot: front calls backend (which
# never queues: exponential service of mean 1 s) through at most 4
# concurrent calls, and a call that finds them all busy waits up to
# max_wait in FIFO order, then fails. The bulkhead is an M/M/4 whose
# waiting callers abandon after the deterministic patience max_wait: the
# M/M/c+D queue, whose abandonment probability is known in closed form;
# max_wait = 0 is Erlang B.

variable "rate" {
  type    = number
  default = 3.5
}

variable "wait" {
  type    = string
  default = "500ms"
}

service "front" {
  capacity {
    workers = 1000000
    queue   = 0
  }

  endpoint "get" {
    call "backend" {}
  }
}

service "backend" {
  capacity {
    workers      = 1000000
    queue        = 0
    service_time = "exp(1s)"
  }
}

link "front" "backend" {
  bulkhead {
    max_concurrent = 4
    max_wait       = var.wait
  }
}

load "l" {
  entry    = service.front
  rate     = var.rate
  duration = "100000s"
  warmup   = "1000s"
}
