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

service "web" {
  depends_on = [service.shard] # ERROR: Incorrect attribute value type
}

scenario "s" {
  load = load.direct
  fault "kill" {
    service = service.shard # ERROR: Incorrect attribute value type
    at      = "1s"
  }
}
