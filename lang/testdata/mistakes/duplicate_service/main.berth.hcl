service "a" {}
service "a" {}
