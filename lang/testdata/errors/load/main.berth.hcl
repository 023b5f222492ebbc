service "api" {}

load "none" { # ERROR: Missing load rate
  entry = service.api
}

load "both" {
  entry = service.api
  rate  = 10
  ramp { # ERROR: Conflicting rate profiles
    from = 1
    to   = 2
    over = "1s"
  }
}

load "bursty" {
  entry   = service.api
  rate    = 10
  arrival = "bursty" # alone: the default phases, 1s on and 4s off
}

load "warm" {
  entry    = service.api
  rate     = 10
  duration = "10s"
  warmup   = "20s" # ERROR: Value out of range
}

load "burst-only" {
  entry = service.api
  rate  = 10
  burst { # ERROR: Unexpected burst block
    on  = "1s"
    off = "1s"
  }
}

load "noentry" { # ERROR: Missing required argument
  rate = 10
}

load "steps" {
  entry = service.api
  rate  = 10
  step {
    at   = "10s"
    rate = 20
  }
  step {
    at   = "10s" # ERROR: Two steps at one time
    rate = 30
  }
}

load "no-time" {
  entry    = service.api
  rate     = 10
  duration = "0s" # ERROR: Value out of range
}
