service "a" {
  capacity {
    service_time = "lognormal(4ms)"
  }
}
