# A service whose name has a dot is named by a string: service.api.v2 reads
# as the attribute v2 of a service "api".

service "api.v2" {}

load "peak" {
  entry = service.api.v2 # ERROR: Reference to undeclared service
  rate  = 10
}

load "ok" {
  entry = "api.v2"
  rate  = 10
}
