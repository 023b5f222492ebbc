service "a" {
  endpoint "e" {
    call "b" {
      fallback = "defualt"
    }
  }
}
service "b" {}
link "a" "b" {}
