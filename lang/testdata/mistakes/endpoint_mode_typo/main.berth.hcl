service "a" {
  endpoint_mode = "dnsr"
}
