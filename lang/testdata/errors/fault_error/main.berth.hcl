service "api" {}

load "peak" {
  entry = service.api
  rate  = 10
}

scenario "s" {
  fault "error" { # ERROR: Missing required argument
    at = "1s"
  }
  fault "error" {
    service     = "api"
    probability = 1.5 # ERROR: Value out of range
    at          = "1s"
  }
  fault "error" {
    service     = "api"
    probability = 0 # ERROR: Value out of range
    at          = "1s"
  }
  fault "error" {
    service  = "api"
    replicas = 0 # ERROR: Value out of range
    at       = "1s"
  }
  fault "kill" {
    service     = "api"
    probability = 0.5 # ERROR: Unsupported argument
    at          = "1s"
  }
  fault "error" {
    service     = "api"
    probability = 0.25
    at          = "2s"
    duration    = "10s"
  }
}
