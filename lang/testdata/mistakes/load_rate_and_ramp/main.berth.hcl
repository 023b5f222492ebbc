service "a" {}
load "l" {
  entry = service.a
  rate  = 10
  ramp {
    from = 1
    to   = 100
    over = "10s"
  }
}
