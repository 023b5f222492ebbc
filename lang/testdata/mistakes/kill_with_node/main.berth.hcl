service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  fault "kill" {
    service = "a"
    node    = 1
    at      = "1s"
  }
}
