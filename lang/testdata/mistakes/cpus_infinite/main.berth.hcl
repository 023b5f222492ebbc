service "a" {
  resources {
    cpus = 1 / 0
  }
}
