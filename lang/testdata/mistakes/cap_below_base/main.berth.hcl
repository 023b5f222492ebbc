service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {}
link "a" "b" {
  retry {
    base = "100ms"
    cap  = "10ms"
  }
}
