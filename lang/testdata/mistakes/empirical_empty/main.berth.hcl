service "a" {
  capacity {
    service_time = "empirical()"
  }
}
