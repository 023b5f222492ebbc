service "a" {}
slo "x" {
  service    = "a"
  error_rate = 5
}
