berth {
  nodes = 2
}

service "api" {}

load "peak" {
  entry = service.api
  rate  = 10
}
load "other" {
  entry = service.api
  rate  = 20
}

scenario "s" {
  load = "peek" # ERROR: Unknown load
  fault "kill" {
    service = "apo" # ERROR: Unknown service
    at      = "1s"
  }
  fault "node_down" {
    node = 3 # ERROR: Unknown node
    at   = "2s"
  }
  fault "partition" { # ERROR: Missing required argument
    service = "api"
    at      = "3s"
  }
  fault "slow" { # ERROR: Missing required argument
    service = "api"
    at      = "3s"
  }
}

scenario "no-load" {} # ERROR: Missing scenario load
