service "a" {
  endpoint "e" {
    call "b" {
      endpoint = "gett"
    }
  }
}
service "b" {
  endpoint "get" {}
}
link "a" "b" {}
