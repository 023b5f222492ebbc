service "a" {
  endpoint "e" {
    call "orderz" {}
  }
}
service "orders" {}
