service "a" {
  port {
    published = "8080:80"
    target    = 80
  }
}
