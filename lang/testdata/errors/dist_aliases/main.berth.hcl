service "api" {
  capacity {
    service_time = "erlang(10ms, 4)" # accepted: gamma(10ms, 0.5)
  }
  endpoint "a" {
    service_time = "exponential(1e-2s)"
  }
  endpoint "b" {
    service_time = "deterministic(2ms)"
  }
  endpoint "c" {
    service_time = "erlang(10ms, 2.5)" # ERROR: Invalid distribution
  }
  endpoint "d" {
    service_time = "erlang(10ms)" # ERROR: Invalid distribution
  }
  endpoint "e" {
    service_time = "expo(10ms)" # ERROR: Invalid distribution
  }
  endpoint "f" {
    service_time = "1e-2x" # ERROR: Invalid distribution
  }
}
