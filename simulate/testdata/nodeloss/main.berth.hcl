# A node lost under a load whose clients time out: s has one replica on
# each of two swarm nodes, entered round robin, and node 2 goes down at
# 10 s. Swarm notices 15 s later and takes s.2 out of rotation, so half
# the requests of those 15 s (about 100/s × 15 s / 2 = 750) go to a
# replica that never answers: their clients give up after the load's
# timeout, each a timeout at exactly that latency. So do those that were
# at s.2 when the node went, waiting for their call to db (a few).

berth {
  backend = "swarm"
  nodes   = 2
}

variable "timeout" {
  type    = string
  default = "1s"
}

service "s" {
  replicas = 2

  capacity {
    service_time = "exp(10ms)"
  }

  endpoint "get" {
    call "db" {}
  }
}

# On node 1 (swarm places it where the fewest tasks run). It answers the
# calls of the lost s.2 too, and the answers go nowhere.
service "db" {
  capacity {
    workers      = 1000
    service_time = "exp(50ms)"
  }
}

link "s" "db" {}

load "l" {
  entry    = service.s
  rate     = 100
  duration = "60s"
  timeout  = var.timeout
}

scenario "loss" {
  fault "node_down" {
    node = 2
    at   = "10s"
  }
}
