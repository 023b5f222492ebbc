service "api" {
  replcas = 2
}
