service "a" {
  endpoint "e" {
    call "orders" {}
  }
}
service "orders" {
  replicas = 0
}
link "a" "orders" {}
