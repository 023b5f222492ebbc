service "gateway" {
  endpoint "list" {
    call "orders" { # ERROR: Unknown endpoint
      endpoint = "gett"
    }
  }
}

service "orders" {
  endpoint "get" {}
  consume "q" { # ERROR: Unknown endpoint
    endpoint = "handle"
  }
}

queue "q" {}
link "gateway" "orders" {}

load "peak" {
  entry    = service.gateway # ERROR: Unknown endpoint
  endpoint = "lst"
  rate     = 5
}

slo "fast" { # ERROR: Unknown endpoint
  service  = "gateway"
  endpoint = "lisst"
  p99      = "1s"
}
