service "s" {
  for_each = 3
}
