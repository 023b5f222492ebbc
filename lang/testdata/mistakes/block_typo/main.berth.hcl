servce "api" {}
