service "s" {
  for_each = toset(["a", "b"])
}
service "c" {
  endpoint "e" {
    call "s" {}
  }
}
