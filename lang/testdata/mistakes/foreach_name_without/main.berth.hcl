service "s" {
  name = "x"
}
