service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {
  capacity {
    service_time = "const(100ms)"
  }
}
link "a" "b" {
  timeout = "10ms"
}
