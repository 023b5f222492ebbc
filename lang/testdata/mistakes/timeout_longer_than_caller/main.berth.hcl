service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {
  endpoint "e" {
    call "c" {}
  }
}
service "c" {}
link "a" "b" {
  timeout = "250ms"
}
link "b" "c" {
  timeout = "100ms"
  retry {
    attempts = 3
  }
}
