service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {}
link "a" "b" {
  retry {
    attempts = 2
  }
  retry {
    attempts = 3
  }
}
