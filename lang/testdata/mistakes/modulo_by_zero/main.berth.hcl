locals {
  shards = 0
}
service "a" {
  replicas = 12 % local.shards
}
