service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {}
link "a" "b" {
  timeout = "100"
}
