service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  fault "partition" {
    service  = "a"
    at       = "1s"
    duration = "5s"
  }
}
