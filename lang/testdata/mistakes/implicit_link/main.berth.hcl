service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {}
