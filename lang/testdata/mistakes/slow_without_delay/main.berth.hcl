service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  fault "slow" {
    service  = "a"
    at       = "1s"
    duration = "5s"
  }
}
