service "a" {
  capacity {
    service_time = "uniform(5ms, 1ms)"
  }
}
