service "a" {
  capacity {
    service_time = "normal(1ms, 10ms)"
  }
}
