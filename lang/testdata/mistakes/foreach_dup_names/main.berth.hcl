service "s" {
  for_each = toset(["a", "b"])
  name     = "same"
}
