service "a" {
  health {
    http = "/a"
  }
  health {
    http = "/b"
  }
}
