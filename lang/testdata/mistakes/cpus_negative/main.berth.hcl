service "a" {
  resources {
    cpus = -1
  }
}
