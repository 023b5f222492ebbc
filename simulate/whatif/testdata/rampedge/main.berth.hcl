# A ramp whose last instant overloads the api: 10/s to 104/s over 60 s
# against one replica of one worker at 10 ms (μ = 100/s). ρ reaches 1.04
# only in the last 2.6 s, so the backlog stays a few requests and one
# replica meets the slo, though the offered-load analysis (ρ ≥ 1 at the
# peak) says it cannot.
service "api" {
  replicas = 1
  capacity {
    workers      = 1
    queue        = 1000
    service_time = "const(10ms)"
  }
}

load "ramp" {
  entry = service.api
  ramp {
    from = 10
    to   = 104
    over = "60s"
  }
  duration = "60s"
}

slo "api" {
  service = service.api
  p99     = "1s"
}
