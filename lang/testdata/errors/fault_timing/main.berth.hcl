service "api" {
  replicas = 2
}

load "short" {
  entry    = service.api
  rate     = 10
  duration = "10s"
}

scenario "late" {
  fault "kill" {
    service = "api"
    at      = "20s" # WARNING: Fault after the end of the run
  }
  fault "hang" {
    service  = "api"
    at       = "10s" # WARNING: Fault after the end of the run
    duration = "1s"
  }
  fault "slow" {
    service = "api"
    delay   = "5ms"
    at      = "9s"
  }
}

scenario "kill-duration" {
  fault "kill" {
    service  = "api"
    at       = "2s"
    duration = "5s" # WARNING: Duration of a kill fault
  }
}
