service "a" {
  resources {
    memory = "1k"
  }
}
