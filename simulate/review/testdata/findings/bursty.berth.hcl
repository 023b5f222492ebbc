# A bursty load of 50 requests/s on average, in bursts of 1 s every 5 s:
# 250/s during a burst. "api" (2 × 1 worker, exp(5ms)) runs at ρ = 0.625
# then, and with 3 attempts ρ·(1+R) = 1.875 > 1. Its mean rate alone
# gives ρ = 0.125 and 0.375 < 1, which hid the retry storm.
load "peak" {
  entry    = service.front
  rate     = 50
  arrival  = "bursty"
  duration = "20s"

  burst {
    on  = "1s"
    off = "4s"
  }
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

  retry { # FINDING: warning retry-without-budget
    attempts = 3 # FINDING: warning retry-amplification
  }
}
