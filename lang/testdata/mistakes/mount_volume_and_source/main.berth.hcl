volume "v" {}
service "a" {
  mount {
    volume = volume.v
    source = "./data"
    target = "/data"
  }
}
