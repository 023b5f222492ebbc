service "a" {}
load "l" {
  entry = service.a
  diurnal {
    min    = 1
    max    = 10
    period = "0s"
  }
}
