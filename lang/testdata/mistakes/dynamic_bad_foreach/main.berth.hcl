service "a" {
  endpoint "e" {
    dynamic "call" {
      for_each = 3
      labels   = ["b"]
      content {}
    }
  }
}
service "b" {}
