service "a" {
  endpoint "e" {
    call "b" {
      probability = 1.5
    }
  }
}
service "b" {}
link "a" "b" {}
