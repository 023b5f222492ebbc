service "a" {}
slo "x" {
  service = "b"
  p99     = "1s"
}
