service "a" {
  image = "a-${var.x"
}
