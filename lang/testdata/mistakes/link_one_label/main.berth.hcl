service "a" {}
link "a" {}
