service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  expect {
    error_rate = "1%"
  }
}
