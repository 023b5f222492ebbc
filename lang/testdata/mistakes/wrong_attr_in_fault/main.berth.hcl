service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  fault "kill" {
    target = "a"
    at     = "1s"
  }
}
