service "a" {}
scenario "s" {
  fault "error" {
    service     = "a"
    probability = "10%"
    at          = "1s"
  }
}
load "l" {
  entry = service.a
  rate  = 10
}
