service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  fault "hang" {
    service  = "a"
    at       = "-5s"
    duration = "5s"
  }
}
