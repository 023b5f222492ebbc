service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {}
link "a" "b" {
  circuit_breaker {
    failure_rate = 50
  }
}
