# A closed load: 50 users thinking 100 ms on average between requests
# that take at least 5 ms (api's work, without queueing) send at most
# 50 / 0.105 s = 476/s, which would put "api" (2 × 1 worker, exp(5ms)) at
# ρ = 1.19, and with 3 attempts at 3.57 > 1. A closed load counted as a
# rate of 0 found no risk there at all.
load "shoppers" {
  entry      = service.front
  users      = 50
  think_time = "exp(100ms)"
  duration   = "20s"
}

service "front" {
  replicas = 2

  endpoint "page" {
    call "api" {}
  }
}

service "api" {
  replicas = 2

  capacity {
    workers      = 1
    service_time = "exp(5ms)"
  }
}

link "front" "api" {
  timeout = "100ms"

  retry {
    attempts = 3 # FINDING: warning retry-amplification
    budget   = 0.5
  }
}
