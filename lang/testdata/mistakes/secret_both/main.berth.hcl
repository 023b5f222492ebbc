secret "s" {
  file  = "a.pem"
  value = "x"
}
