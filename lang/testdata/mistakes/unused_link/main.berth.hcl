service "a" {}
service "b" {}
link "a" "b" {}
