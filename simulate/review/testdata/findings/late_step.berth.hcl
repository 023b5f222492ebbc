# A step to 10× the rate declared after the end of the load sends no
# request: at the 50 requests/s the run has, "api" (2 × 1 worker,
# exp(5ms)) runs at ρ = 0.125, and with 3 attempts ρ·(1+R) = 0.375 < 1.
# No retry-amplification here (the step's 500/s gave ρ·(1+R) = 3.75).
load "peak" {
  entry    = service.front
  rate     = 50
  duration = "20s"

  step {
    at   = "30s"
    rate = 500
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

  retry {
    attempts = 3
    budget   = 0.1
  }
}
