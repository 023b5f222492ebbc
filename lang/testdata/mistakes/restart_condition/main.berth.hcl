service "a" {
  restart {
    condition = "always"
  }
}
