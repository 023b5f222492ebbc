service "a" {
  resources {
    memory = "lots"
  }
}
