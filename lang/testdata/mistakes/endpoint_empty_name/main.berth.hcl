service "a" {
  endpoint "get" {}
  endpoint "" {}
}
