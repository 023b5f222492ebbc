service "b" {}
service "a" {
  endpoint "e" {
    dynamic "call" {
      for_each = ["b"]
      content {}
    }
  }
}
