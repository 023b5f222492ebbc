service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {
  endpoint "e" {
    call "a" {}
  }
}
link "a" "b" {}
link "b" "a" {}
