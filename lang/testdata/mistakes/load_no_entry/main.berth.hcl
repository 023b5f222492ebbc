service "a" {}
load "l" {
  rate = 10
}
