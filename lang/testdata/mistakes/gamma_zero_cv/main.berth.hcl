service "a" {
  capacity {
    service_time = "gamma(10ms, 0)"
  }
}
