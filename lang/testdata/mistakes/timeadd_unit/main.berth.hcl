locals {
  x = timeadd("2020-01-01T00:00:00Z", "1 hour")
}
service "a" {
  labels = { x = tostring(local.x) }
}
