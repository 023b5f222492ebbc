service "api" {}

load "units" {
  entry = service.api
  rate  = "6000/min" # accepted: 100 requests/s
}

load "bad-unit" {
  entry = service.api
  rate  = "100/m" # ERROR: Invalid rate
}

load "words" {
  entry = service.api
  rate  = "100 per second" # ERROR: Invalid rate
}

load "type" {
  entry = service.api
  rate  = true # ERROR: Invalid rate
}

load "negative" {
  entry = service.api
  rate  = "-5/s" # ERROR: Invalid rate
}

load "negative-number" {
  entry = service.api
  rate  = -5 # ERROR: Value out of range
}

load "ramp" {
  entry = service.api
  ramp {
    from = "1e400/s" # ERROR: Invalid rate
    to   = "100/sec" # ERROR: Invalid rate
    over = "1e1s"
  }
}

load "steps" {
  entry = service.api
  rate  = "10rps"
  step {
    at   = "5s"
    rate = "fast" # ERROR: Invalid rate
  }
}

load "diurnal" {
  entry = service.api
  diurnal {
    min    = "50/s"
    max    = "800/x" # ERROR: Invalid rate
    period = "10m"
  }
}

scenario "s" {
  load = load.units
  expect {
    throughput = "lots" # ERROR: Invalid rate
  }
}
