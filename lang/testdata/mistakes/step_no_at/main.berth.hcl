service "a" {}
load "l" {
  entry = service.a
  rate  = 10
  step {
    rate = 20
  }
}
