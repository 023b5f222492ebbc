service "api" {
  env = ["A=1", "B=2"]
}
