service "a" {
  endpoint "e" {
    call "b" {}
  }
}
service "b" {}
link "a" "b" {
  bulkhead {
    max_concurrent = -1
  }
}
