service "a" {}
load "l" {
  entry = service.a
  rate  = -5
}
