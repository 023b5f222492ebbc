service "shard" {
  for_each = toset(["eu", "us"])
}

service "router" {
  endpoint "route" {
    call "shard" {} # ERROR: Call to a for_each service
    call "shard-eu" {}
  }
}

link "router" "shard" {
  timeout = "1s"
}

load "direct" {
  entry = "shard" # ERROR: Reference to a for_each service
  rate  = 10
}
