service "api" {}

load "day" {
  entry = service.api
  diurnal {
    min     = 100
    max     = 800
    period  = "10m"
    peak_at = "2m"
  }
}

load "inverted" {
  entry = service.api
  diurnal {
    min    = 800
    max    = 100 # ERROR: Value out of range
    period = "10m"
  }
}

load "no-period" {
  entry = service.api
  diurnal { # ERROR: Missing required argument
    min = 0
    max = 10
  }
}

load "zero-period" {
  entry = service.api
  diurnal {
    min    = 0
    max    = 10
    period = 0 # ERROR: Value out of range
  }
}

load "with-rate" {
  entry = service.api
  rate  = 10
  diurnal { # ERROR: Conflicting rate profiles
    min    = 0
    max    = 10
    period = "1m"
  }
}

load "with-ramp" {
  entry = service.api
  ramp {
    from = 1
    to   = 2
    over = "1s"
  }
  diurnal { # ERROR: Conflicting rate profiles
    min    = 0
    max    = 10
    period = "1m"
  }
}

load "with-steps" { # ERROR: Conflicting rate profiles
  entry = service.api
  diurnal {
    min    = 0
    max    = 10
    period = "1m"
  }
  step {
    at   = "10s"
    rate = 5
  }
}
