service "gateway" {
  endpoint "list" {
    call "orders" {
      endpoint = "gett" # ERROR: Unknown endpoint
    }
  }
}

service "orders" {
  endpoint "get" {}
  consume "q" {
    endpoint = "handle" # ERROR: Unknown endpoint
  }
}

queue "q" {}
link "gateway" "orders" {}

load "peak" {
  entry    = service.gateway
  endpoint = "lst" # ERROR: Unknown endpoint
  rate     = 5
}

slo "fast" {
  service  = "gateway"
  endpoint = "lisst" # ERROR: Unknown endpoint
  p99      = "1s"
}
