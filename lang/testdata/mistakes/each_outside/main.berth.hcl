service "s" {
  replicas = each.value
}
