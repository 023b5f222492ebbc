config "c" {
  content = file("nope.conf")
}
