service "a" {}
load "l" {
  entry    = service.a
  rate     = 10
  duration = "0s"
}
