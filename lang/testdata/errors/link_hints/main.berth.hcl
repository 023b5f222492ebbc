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

service "shop" {
  endpoint "buy" {
    call "orders" {
      timeout = "1s" # ERROR: Unsupported argument
      retry {        # ERROR: Unsupported block type
        attempts = 2
      }
    }
  }
}

link "shop" "orders" {}
