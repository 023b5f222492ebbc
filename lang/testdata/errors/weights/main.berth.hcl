service "api" {
  endpoint "a" {
    weight = 0
  }
  endpoint "b" {
    weight = 0
  }
}

load "by-weight" {
  entry = service.api # ERROR: No endpoint to load
  rate  = 10
}

load "named" {
  entry    = service.api
  endpoint = "b"
  rate     = 10
}
