service "a" {
  for_each = toset(["x"])
  endpoint "e" {
    call "b-${each.key}" {}
  }
}
