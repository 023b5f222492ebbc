# Timeouts, retries and budgets. At 300 requests/s, "a" (2 × 4 workers,
# exp(10ms)) runs at ρ = 300 × 0.01 / 8 = 0.375 and "c" at 0.3.
load "peak" {
  entry = service.front
  rate  = 300
}

service "front" {
  replicas = 2

  endpoint "page" {
    call "a" {}
    call "c" {}
    call "b" { fallback = "default" }
    call "d" {} # FINDING: warning no-timeout
  }
}

service "a" {
  replicas = 2

  capacity {
    workers      = 4
    service_time = "exp(10ms)"
  }
}

service "b" {
  replicas = 2
}

service "d" {
  replicas = 2
}

service "c" {
  replicas = 2

  capacity {
    workers      = 5
    service_time = "exp(10ms)"
  }
}

# ρ·(1+R) = 0.375 × 4 = 1.5, and no budget.
link "front" "a" {
  timeout = "100ms"

  retry {        # FINDING: warning retry-without-budget
    attempts = 4 # FINDING: warning retry-amplification
  }
}

# ρ·(1+R) = 0.3 × 4 = 1.2, but the 10 % budget caps the retries at about
# max(0.11, 3 / (300 × 0.05)) = 0.2 per call: 0.3 × 1.2 = 0.36, contained.
link "front" "c" {
  timeout = "50ms"

  retry {
    attempts = 4 # FINDING: notice retry-amplification
    budget   = 0.1
  }
}

# Two attempts at a tiny ρ: no amplification finding; no timeout and no
# budget. ("d" has no link at all: no timeout either.)
link "front" "b" { # FINDING: warning no-timeout
  retry { # FINDING: warning retry-without-budget
    attempts = 2
  }
}
