service "a" {}
load "l" {
  entry = service.a
  rate  = 10
}
scenario "s" {
  expect {
    p95 = "100ms"
  }
}
