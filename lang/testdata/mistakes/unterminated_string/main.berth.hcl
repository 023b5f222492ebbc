service "a" {
  image = "nginx
}
