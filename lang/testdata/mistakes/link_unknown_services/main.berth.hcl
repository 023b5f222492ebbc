service "a" {}
link "a" "ghost" {
  timeout = "1s"
}
