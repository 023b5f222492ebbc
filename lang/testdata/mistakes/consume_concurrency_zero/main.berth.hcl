queue "q" {}
service "a" {
  consume "q" {
    concurrency = 0
  }
  endpoint "e" {
    publish "q" {}
  }
}
