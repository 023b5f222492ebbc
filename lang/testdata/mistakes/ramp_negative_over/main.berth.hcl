service "a" {}
load "l" {
  entry = service.a
  ramp {
    from = 1
    to   = 10
    over = "-10s"
  }
}
