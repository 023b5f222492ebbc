volume "data" {}

service "db" {
  mount {
    volume = volume.data
    target = "data" # ERROR: Mount target is not an absolute path
  }
}

service "ok" {
  mount {
    volume = volume.data
    target = "/data"
  }
}
