# Fan-out to n leaves that never queue (more workers than they can use),
# each an exponential service time of mean 1 s. parallel joins when the
# last one answers: the maximum of n exponentials, of mean H_n (the n-th
# harmonic number); sequence calls them one after the other: their sum,
# an Erlang-n of mean n.

variable "n" {
  type    = number
  default = 4
}

variable "mode" {
  type    = string
  default = "par"
}

locals {
  leaves = [for i in range(var.n) : "leaf${i}"]
}

service "leaf" {
  for_each = toset(local.leaves)
  name     = each.key

  capacity {
    workers      = 100000
    queue        = 0
    service_time = "exp(1s)"
  }
}

service "front" {
  capacity {
    workers = 100000
    queue   = 0
  }

  endpoint "par" {
    parallel {
      dynamic "call" {
        for_each = local.leaves
        labels   = [call.value]
        content {}
      }
    }
  }

  endpoint "seq" {
    sequence {
      dynamic "call" {
        for_each = local.leaves
        labels   = [call.value]
        content {}
      }
    }
  }
}

link "front" "leaf" {}

load "l" {
  entry    = var.mode == "par" ? service.front.endpoint.par : service.front.endpoint.seq
  rate     = 10
  duration = "10000s"
  warmup   = "100s"
}
