service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  fault "explode" {
    service = "a"
    at      = "1s"
  }
}
