service "api" {
  mount {
    volume = volume.data
    target = "/data"
  }
}
