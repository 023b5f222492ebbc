service "s" {
  for_each = [1, 2]
}
