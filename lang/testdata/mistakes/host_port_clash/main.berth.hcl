service "a" {
  port {
    published = 8080
    target    = 80
  }
}
service "b" {
  port {
    published = 8080
    target    = 80
  }
}
