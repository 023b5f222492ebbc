# The resilience policy of every caller → callee edge. A call without a
# link block would get no timeout, no retries and no breaker (and berth
# warns about it), so every edge the endpoints use is declared here.
#
# Rules of thumb used below (the seed article's "timeouts, retries,
# circuit breakers, fallbacks"):
#   - a timeout per attempt well above the callee's p99 at peak, well below
#     what the caller's own clients will wait;
#   - retries only with backoff, jitter and a budget, so a struggling
#     callee is not hit by a retry storm (the budget caps retries to 20 % of
#     the calls in flight on the edge);
#   - a circuit breaker on the gateway's edges, so a failing dependency is
#     skipped fast instead of holding the gateway's workers;
#   - least_request balancing on the gateway's edges: a replica that hangs
#     (its node is gone) collects calls in progress, so new calls go to
#     the others instead of taking turns with it as round_robin would.

# auth is on every request's path and fast (p99 4 ms): fail fast.
link "gateway" "auth" {
  timeout        = "50ms"
  load_balancing = "least_request"

  retry {
    attempts = 2
    base     = "10ms"
    budget   = 0.2
  }

  circuit_breaker {
    window       = "10s"
    min_calls    = 20
    failure_rate = 0.5
    open_for     = "5s"
  }
}

# users has a fallback: a short timeout costs a default avatar, never the
# page. The breaker opens after 20 calls in 10 s when half of them fail,
# then lets 1 trial call through every 5 s.
link "gateway" "users" {
  timeout        = "100ms"
  load_balancing = "least_request"

  retry {
    attempts = 2
    base     = "10ms"
    budget   = 0.2
  }

  circuit_breaker {
    window          = "10s"
    min_calls       = 20
    failure_rate    = 0.5
    open_for        = "5s"
    half_open_calls = 1
  }
}

# orders is critical (no fallback): more patience and three attempts, the
# waits growing 25 ms, 50 ms, ... up to 250 ms with full jitter.
link "gateway" "orders" {
  timeout        = "300ms"
  load_balancing = "least_request"

  retry {
    attempts = 3
    backoff  = "exponential"
    base     = "25ms"
    cap      = "250ms"
    jitter   = "full"
    budget   = 0.2
  }

  circuit_breaker {
    window          = "10s"
    min_calls       = 20
    failure_rate    = 0.5
    open_for        = "5s"
    half_open_calls = 1
  }
}

link "gateway" "products" {
  timeout        = "150ms"
  load_balancing = "least_request"

  retry {
    attempts = 2
    base     = "25ms"
    budget   = 0.2
  }

  circuit_breaker {
    window       = "10s"
    min_calls    = 20
    failure_rate = 0.5
    open_for     = "5s"
  }
}

# The services' calls to their stores: a timeout, no retries (the gateway
# retries the whole call; retrying at both levels would multiply the load).
link "users" "users-db" {
  timeout = "80ms"
}

link "orders" "orders-db" {
  timeout = "200ms"
}

link "products" "products-db" {
  timeout = "100ms"
}

# A cache that does not answer in 10 ms is worse than none.
link "products" "cache" {
  timeout = "10ms"
}
