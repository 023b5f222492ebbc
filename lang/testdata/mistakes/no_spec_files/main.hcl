service "a" {}
