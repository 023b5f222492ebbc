# Waits between attempts, alone: a call to a service with no replica is
# refused at once, so a request's latency is the sum of its waits. With
# jitter none and base 20 ms, three attempts wait 20 + 40 ms exponential,
# 20 + 20 ms constant; backoff = "none", or a base of 0, waits nothing.
# With jitter, each wait is drawn from its bound (full: U(0, w); equal:
# w/2 + U(0, w/2); decorrelated: U(base, 3·previous), from base).

variable "backoff" {
  type    = string
  default = "none"
}

variable "base" {
  type    = string
  default = "20ms"
}

variable "jitter" {
  type    = string
  default = "none"
}

service "client" {
  capacity {
    workers = 1000
  }

  endpoint "get" {
    call "gone" {}
  }
}

service "gone" {
  replicas = 0
}

link "client" "gone" {
  retry {
    attempts = 3
    backoff  = var.backoff
    base     = var.base
    jitter   = var.jitter
  }
}

load "l" {
  entry    = service.client
  rate     = 100
  duration = "10s"
}
