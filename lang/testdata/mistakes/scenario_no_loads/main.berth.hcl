scenario "s" {}
