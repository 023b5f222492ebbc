config "c" {
  file    = "c.conf"
  content = "x"
}
