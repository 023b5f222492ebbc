secret "s" {}
