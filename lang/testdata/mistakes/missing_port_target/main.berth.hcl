service "a" {
  port {
    published = 8080
  }
}
