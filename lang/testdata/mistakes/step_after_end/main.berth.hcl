service "a" {}
load "l" {
  entry    = service.a
  rate     = 10
  duration = "10s"
  step {
    at   = "20s"
    rate = 20
  }
}
