service "a" {
  update {
    order = "first"
  }
}
