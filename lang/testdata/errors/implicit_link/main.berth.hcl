service "gateway" {
  endpoint "a" {
    call "orders" {} # WARNING: Call without a link
    call "users" {}
  }
  endpoint "b" {
    call "orders" {}
  }
}

service "orders" {}
service "users" {}

link "gateway" "users" {
  timeout = "1s"
}
