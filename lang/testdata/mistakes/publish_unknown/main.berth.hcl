service "a" {
  endpoint "e" {
    publish "events" {}
  }
}
