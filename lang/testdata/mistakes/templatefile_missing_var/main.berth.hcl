config "c" {
  content = templatefile("t.tpl", {})
}
