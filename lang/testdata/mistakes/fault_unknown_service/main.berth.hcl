service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  fault "kill" {
    service = "b"
    at      = "1s"
  }
}
