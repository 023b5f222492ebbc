service "a" {
  env = { A = "1" }
  labels = { x = service.a.nam }
}
