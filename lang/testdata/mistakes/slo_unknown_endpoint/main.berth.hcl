service "a" {
  endpoint "get" {}
}
slo "x" {
  service  = "a"
  endpoint = "gte"
  p99      = "1s"
}
