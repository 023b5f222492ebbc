service "s" {
  for_each = toset(["a", "b"])
}
service "c" {
  depends_on = [service.s["z"]]
}
