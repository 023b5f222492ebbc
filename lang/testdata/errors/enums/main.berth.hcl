berth {
  backend = "kubernetes" # ERROR: Unknown backend
}

service "api" {
  capacity {
    model = "evented" # ERROR: Unknown concurrency model
  }
  endpoint "a" {
    call "db" {
      fallback = "defualt" # ERROR: Unknown fallback
    }
  }
}

service "db" {}

link "api" "db" {
  load_balancing = "roundrobin" # ERROR: Unknown load-balancing policy
  retry {
    backoff = "linear" # ERROR: Unknown backoff
    jitter  = "half" # ERROR: Unknown jitter
    on      = ["timeout", "5xx", "4xx"] # ERROR: Unknown retry class
  }
}

queue "q" {
  kind = "sqs" # ERROR: Unknown queue kind
}

load "peak" {
  entry   = service.api
  rate    = 10
  arrival = "poison" # ERROR: Unknown arrival process
}

scenario "s" {
  fault "explode" { # ERROR: Unknown fault kind
    at = "1s"
  }
}
