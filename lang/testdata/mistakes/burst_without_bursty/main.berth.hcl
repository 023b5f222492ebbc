service "a" {}
load "l" {
  entry = service.a
  rate  = 10
  burst {
    on = "1s"
  }
}
