service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {}
link "a" "b" {}
link "a" "b" {}
