service "a" {
  port {
    published = 70000
    target    = 80
  }
}
