berth {
  nodes = 2
}
service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  fault "node_down" {
    node = 5
    at   = "1s"
  }
}
