service "a" {}
load "l" {
  entry    = service.a
  rate     = 10
  duration = "30s"
}
scenario "s" {
  fault "kill" {
    service = "a"
    at      = "45s"
  }
}
