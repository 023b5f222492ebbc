service "a" {
  capacity {
    service_time = "lognormal(20ms, 4ms)"
  }
}
