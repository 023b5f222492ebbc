service "a" {
  consume "events" {}
}
