# Fan-out to shards, made from variables with for_each and a dynamic block.
#
# A search front asks every index shard at once and merges what comes
# back. The shards are one `service` block with for_each over a map
# variable (shard key → service time), so each gets its own name
# ("shard-a" ... "shard-d") and its own service time, and their replica
# count is one variable to override from the command line:
#
#   berth validate examples/fanout
#   berth simulate examples/fanout --var shard_replicas=3
#   BERTH_VAR_shard_replicas=1 berth simulate examples/fanout --scenario shard-b-slow
#
# It shows the tail at scale: a page waits for its slowest shard. Each
# shard answers within 40 ms 99 % of the time, but a page waits past that
# whenever any of the 4 does: 1 − 0.99⁴ ≈ 4 % of pages. Its p99 is a shard's
# 99.75th percentile, about 60 ms.

berth {
  project = "fanout"
}

variable "shard_service_time" {
  type        = map(string)
  description = "Shards by key, with the service time of one lookup (median, p99)."
  default = {
    a = "lognormal(5ms, 40ms)"
    b = "lognormal(5ms, 40ms)"
    c = "lognormal(5ms, 40ms)"
    d = "lognormal(5ms, 40ms)"
  }
}

variable "shard_replicas" {
  type    = number
  default = 2

  validation {
    condition     = var.shard_replicas >= 1
    error_message = "Every shard needs at least one replica."
  }
}

locals {
  # One timeout for every front → shard edge: above a shard's p99.75
  # (≈ 60 ms), so only a shard in trouble is cut off.
  shard_timeout = "100ms"
}

# Mean of lognormal(5ms, 40ms) is 7.5 ms. At 200 requests/s every shard
# sees all 200/s: 200 × 7.5 ms = 1.5 busy workers of 2 × 4 = 0.19.
service "shard" {
  for_each = var.shard_service_time
  replicas = var.shard_replicas

  labels = {
    shard = each.key
  }

  capacity {
    workers      = 4
    queue        = 64
    service_time = each.value
  }
}

# The front holds a worker for the whole page: 1 ms of its own work plus the
# slowest shard, ≈ 20 ms on average: 200/s × 20 ms = 4 of 2 × 32 workers.
service "search" {
  replicas = 2

  port {
    published = 8081
    target    = 8080
    host_ip   = "127.0.0.1"
  }

  capacity {
    workers      = 32
    service_time = "const(1ms)"
  }

  # A shard that fails or times out is left out of the page (fallback =
  # "skip"): partial results beat an error page. The dynamic block writes
  # one call per shard, in key order: call "shard-a" ... call "shard-d".
  endpoint "query" {
    parallel {
      dynamic "call" {
        for_each = var.shard_service_time
        labels   = ["shard-${call.key}"]
        content {
          fallback = "skip"
        }
      }
    }
  }
}

# A link to the for_each service "shard" covers every instance: one policy
# for every front → shard edge.
link "search" "shard" {
  timeout = local.shard_timeout
}

load "queries" {
  entry    = service.search
  rate     = 200
  duration = "60s"
  warmup   = "5s"
}

scenario "baseline" {
  load = load.queries

  expect {
    p99        = "100ms"
    error_rate = 0.001
  }
}

# shard-b answers 100 ms late for 20 s. Its calls time out and are skipped:
# pages lose shard-b's results (degraded) but stay under the timeout.
scenario "shard-b-slow" {
  load = load.queries

  fault "slow" {
    service  = "shard-b"
    delay    = "const(100ms)"
    at       = "10s"
    duration = "20s"
  }

  expect {
    p99           = "150ms"
    error_rate    = 0.001
    degraded_rate = 0.5
  }
}
