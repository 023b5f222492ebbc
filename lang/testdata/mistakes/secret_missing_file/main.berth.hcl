secret "s" {
  file = "nope.pem"
}
