service "a" {}
link "ghost" "a" {}
