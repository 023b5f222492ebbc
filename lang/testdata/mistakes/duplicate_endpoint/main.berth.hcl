service "a" {
  endpoint "e" {}
  endpoint "e" {}
}
