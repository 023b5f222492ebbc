service "a" {}
load "l1" {
  entry = service.a
  rate  = 10
}
load "l2" {
  entry = service.a
  rate  = 20
}
scenario "s" {
  fault "kill" {
    service = "a"
    at      = "1s"
  }
}
