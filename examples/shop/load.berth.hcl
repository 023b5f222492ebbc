# The traffic, the failures to rehearse, and what must hold through them.

# A busy evening: 300 requests/s into the gateway, arriving at random
# (Poisson), split over its endpoints by weight (90 % list_orders, 10 %
# create_order). The first 5 s fill the queues and are not measured.
load "peak" {
  entry    = service.gateway
  rate     = 300
  arrival  = "poisson"
  duration = "60s"
  warmup   = "5s"
}

# The same, growing from 50 to 400 requests/s over a minute and holding
# there for half a minute: where does the latency start to bend?
load "ramp" {
  entry = service.gateway

  ramp {
    from = 50
    to   = 400
    over = "60s"
  }

  duration = "90s"
}

# One of the two orders replicas crashes at 20 s. Calls to it are refused
# at once and the gateway's retries (least_request) send them to the
# survivor, which carries the whole load at 0.68 worker utilisation until
# the crashed replica is back (compose restarts it after restart.delay,
# 5 s; swarm reschedules it).
scenario "orders-replica-loss" {
  load = load.peak

  fault "kill" {
    service  = "orders"
    replicas = 1
    at       = "20s"
  }

  expect {
    p99        = "250ms"
    error_rate = 0.01
  }
}

# users answers 200 ms late for 20 s. Its link times out after 100 ms, the
# breaker opens within a fraction of a second, and list_orders renders with
# the default user (degraded) instead of waiting or failing. Without the
# timeout the gateway's 48 workers would be held 200 ms each: 270/s × 0.2 s
# = 54 busy workers, more than it has, and every page would slow down.
scenario "users-slow" {
  load = load.peak

  fault "slow" {
    service  = "users"
    delay    = "const(200ms)"
    at       = "10s"
    duration = "20s"
  }

  expect {
    p99           = "300ms"
    error_rate    = 0.01
    degraded_rate = 0.5 # at most half the pages show the default user
  }
}

# Node 3 of the 3-node swarm dies at 20 s. Swarm notices after about 15 s
# (heartbeat × grace) and reschedules its replicas on nodes 1 and 2. The
# stores are pinned to the manager, node 1 (their volumes live there), so
# the loss hits stateless replicas only. Calls to a lost replica hang until
# their timeout; least_request balancing steers the gateway's calls to the
# survivors and its retries absorb the rest. What no policy inside the
# system saves is the client traffic the routing mesh still sends to the
# lost gateway replica until swarm notices: a third of 300/s for 15 s of
# the 55 s measured, about 9 %. A dead host neither answers nor refuses,
# and these clients set no timeout, so those requests hang to the end of
# the run: they are the errors, and the entry's p99 is theirs (about
# 100 s). The bounds accept that and little more: 12 % errors, and the
# pages below the p90 served as usual.
scenario "node-loss" {
  load    = load.peak
  backend = "swarm"

  fault "node_down" {
    node = 3
    at   = "20s"
  }

  expect {
    p90        = "300ms"
    error_rate = 0.12
  }
}

# The latency objective of the order list page. It is checked in every run
# of every load and scenario, node loss included, so it is the floor that
# must hold even then (a call to a lost replica may cost one 300 ms orders
# timeout before its retry succeeds). It bounds latency only; each
# scenario's expect states its own error budget.
slo "list-orders" {
  service  = "gateway"
  endpoint = "list_orders"
  p99      = "500ms"
}
