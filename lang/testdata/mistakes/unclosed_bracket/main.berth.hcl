service "a" {
  command = ["a", "b"
}
