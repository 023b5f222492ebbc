# A link naming a for_each service applies to each of its instances; a
# link naming an instance overrides it for that edge. No call here lacks a
# link, so nothing warns.
service "shard" {
  for_each = toset(["eu", "us"])
  endpoint "get" {
    call "db" {}
  }
}

service "db" {}

service "router" {
  endpoint "route" {
    call "shard-eu" {}
    call "shard-us" {}
  }
}

link "router" "shard" {
  timeout = "1s"
}

link "router" "shard-us" {
  timeout = "2s"
}

link "shard" "db" {
  timeout = "500ms"
}

service "edge" {
  for_each = toset(["a"])
  endpoint "e" {
    call "shard-eu" {}
  }
}

link "edge" "shard-eu" {}
link "edge-a" "shard" {} # ERROR: Overlapping links
