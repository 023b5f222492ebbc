service "a" {}
load "l" {
  entry = "b"
  rate  = 10
}
