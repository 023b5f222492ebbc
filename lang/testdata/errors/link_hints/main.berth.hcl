service "gateway" {
  endpoint "list" {
    call "orders" {}
  }
}

service "orders" {}

link "gateway" "orders" {
  timeout = "300ms"
  retries = 3        # ERROR: Unsupported argument
  failure_rate = 0.5 # ERROR: Unsupported argument
}

load "peak" {
  entry = service.gateway
  rate  = 10
}

scenario "kill" {
  fault "kill" { # ERROR: Missing required argument
    service = "orders"
  }
}
