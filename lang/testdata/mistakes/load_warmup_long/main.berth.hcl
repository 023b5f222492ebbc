service "a" {}
load "l" {
  entry    = service.a
  rate     = 10
  duration = "10s"
  warmup   = "20s"
}
