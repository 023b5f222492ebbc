service "a" {
  capacity {
    service_time = "pareto(4ms, 2)"
  }
}
