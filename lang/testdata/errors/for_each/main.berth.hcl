service "shard" {
  for_each = 3 # ERROR: Invalid for_each argument
}

service "replica" {
  for_each = toset(["a", "b"])
  name     = "dup" # ERROR: Duplicate service name
}

service "single" {
  name = "other" # ERROR: Unexpected name attribute
}

service "list" {
  for_each = [1, 2] # ERROR: Invalid for_each argument
}

service "ok" {
  for_each = { x = 1, y = 2 }
  replicas = each.value
  labels   = { shard = each.key, bad = each.kye } # ERROR: Unsupported each attribute
}
