service "s" {
  for_each = toset(["eu", "us"])
}
service "c" {
  depends_on = [service.s["uss"]]
}
