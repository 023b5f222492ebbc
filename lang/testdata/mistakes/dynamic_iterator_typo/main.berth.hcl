service "a" {
  endpoint "e" {
    dynamic "call" {
      for_each = ["b"]
      labels   = [call.valu]
      content {}
    }
  }
}
service "b" {}
