queue "q" {
  capacity = -1
}
service "a" {
  consume "q" {}
  endpoint "e" {
    publish "q" {}
  }
}
