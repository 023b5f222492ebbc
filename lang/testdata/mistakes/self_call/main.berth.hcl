service "a" {
  endpoint "e" {
    call "a" {}
  }
}
