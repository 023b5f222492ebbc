service "a" {
  endpoint "e" {
    weight = -1
  }
}
