service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {}
link "a" "b" {
  timout = "1s"
}
