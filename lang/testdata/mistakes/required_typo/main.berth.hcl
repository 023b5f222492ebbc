volume "d" {}
service "a" {
  mount {
    volume = volume.d
    targt  = "/data"
  }
}
