service "a" {}
link "a" "${each.key}" {}
