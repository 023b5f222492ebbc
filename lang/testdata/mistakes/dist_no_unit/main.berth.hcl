service "a" {
  capacity {
    service_time = "exp(10)"
  }
}
