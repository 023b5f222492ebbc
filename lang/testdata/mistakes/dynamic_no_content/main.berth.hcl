service "a" {
  dynamic "port" {
    for_each = [80]
  }
}
