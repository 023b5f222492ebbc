service "a" {
  dynamic "endpont" {
    for_each = ["x"]
    labels   = ["e"]
    content {}
  }
}
