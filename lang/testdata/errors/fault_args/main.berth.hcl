# An argument the fault's kind does not use is an error (it was silently
# ignored), replicas = 0 on a kill, hang or slow is an error (the simulator
# hit one replica), more replicas than the service has is a warning, as is
# a fault on a service with replicas = 0 (it hits nothing), and a partition
# of a service with itself (which cuts nothing) is an error.

berth {
  nodes = 2
}

service "api" {
  replicas = 2
}

service "db" {}

service "none" {
  replicas = 0
}

load "peak" {
  entry = service.api
  rate  = 10
}

scenario "s" {
  fault "kill" {
    service  = "api"
    replicas = 0 # ERROR: Value out of range
    node     = 1 # ERROR: Unsupported argument
    at       = "1s"
  }
  fault "node_down" {
    node    = 1
    service = "api" # ERROR: Unsupported argument
    at      = "2s"
  }
  fault "partition" {
    service  = "api"
    peer     = "db"
    replicas = 1 # ERROR: Unsupported argument
    at       = "3s"
  }
  fault "hang" {
    service  = "api"
    replicas = 3 # WARNING: More replicas than the service has
    delay    = "5ms" # ERROR: Unsupported argument
    at       = "4s"
  }
  fault "slow" {
    service  = "api"
    replicas = 2
    delay    = "5ms"
    at       = "5s"
  }
  fault "kill" { # WARNING: Fault on a service without replicas
    service = "none"
    at      = "8s"
  }
  fault "partition" {
    service = "db"
    peer    = "db" # ERROR: Partition with itself
    at      = "7s"
  }
  fault "error" {
    service     = "db"
    replicas    = 1
    probability = 0.5
    at          = "6s"
  }
}
