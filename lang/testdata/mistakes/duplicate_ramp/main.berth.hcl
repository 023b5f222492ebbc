service "a" {}
load "l" {
  entry = service.a
  ramp {
    from = 1
    to   = 2
    over = "1s"
  }
  ramp {
    from = 1
    to   = 3
    over = "1s"
  }
}
