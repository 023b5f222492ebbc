service "a" {
  port {
    published = 8080
    target    = 80
    protocol  = "http"
  }
}
