service "api" {
  command = { a = "b" }
}
