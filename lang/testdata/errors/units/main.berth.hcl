service "api" {
  resources {
    memory = "256MB/s" # ERROR: Invalid size
  }
  health {
    http     = "/healthz"
    interval = "5 seconds" # ERROR: Invalid duration
    timeout  = -1 # ERROR: Invalid duration
  }
  capacity {
    service_time = "lognormal(4ms)" # ERROR: Invalid distribution
  }
  endpoint "a" {
    service_time = "weibull(1ms, 2)" # ERROR: Invalid distribution
  }
  endpoint "b" {
    service_time = "lognormal(20ms, 4ms)" # ERROR: Invalid distribution
  }
  endpoint "c" {
    service_time = "gamma(10ms, x)" # ERROR: Invalid distribution
  }
  endpoint "d" {
    service_time = "exp(10ms" # ERROR: Invalid distribution
  }
  endpoint "e" {
    service_time = true # ERROR: Invalid distribution
  }
}

berth {
  defaults {
    hop_latency = "fast" # ERROR: Invalid distribution
  }
}
