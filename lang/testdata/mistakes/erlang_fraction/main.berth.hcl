service "a" {
  capacity {
    service_time = "erlang(10ms, 2.5)"
  }
}
