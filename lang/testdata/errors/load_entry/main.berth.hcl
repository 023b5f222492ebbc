service "gw" {
  endpoint "list_orders" {}
  endpoint "get_order" {}
}

service "plain" {}

service "shard" {
  for_each = toset(["a"])
  endpoint "read" {}
}

load "by-endpoint" {
  entry = service.gw.endpoint.list_orders
  rate  = 10
}

load "implicit-default" {
  entry = service.plain.endpoint.default
  rate  = 10
}

load "instance" {
  entry = service.shard["a"].endpoint.read
  rate  = 10
}

load "attribute" {
  entry    = service.gw
  endpoint = "get_order"
  rate     = 10
}

load "typo" {
  entry = service.gw.endpoint.list_order # ERROR: Unknown endpoint
  rate  = 10
}

load "instance-typo" {
  entry = service.shard["a"].endpoint.write # ERROR: Unknown endpoint
  rate  = 10
}

load "both" {
  entry    = service.gw.endpoint.list_orders
  endpoint = "get_order" # ERROR: Conflicting arguments
  rate     = 10
}

load "dotted" {
  entry = "gw.list_orders" # ERROR: Unknown service
  rate  = 10
}

load "no-such-attribute" {
  entry = service.gw.endpoints.list_orders # ERROR: Unsupported attribute
  rate  = 10
}

load "not-a-name" {
  entry = [service.gw] # ERROR: Incorrect attribute value type
  rate  = 10
}

locals {
  mixed = true ? service.gw : service.plain
}

load "null-entry" {
  entry = null # ERROR: Missing required argument
  rate  = 10
}
