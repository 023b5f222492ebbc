service "a" {}
load "peak" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  load = load.paek
}
