service "api" {
  replicas = -1 # ERROR: Value out of range
  resources {
    cpus   = -0.5 # ERROR: Value out of range
    memory = "-1MiB" # ERROR: Invalid size
  }
  capacity {
    workers = 0 # ERROR: Value out of range
    queue   = -1 # ERROR: Value out of range
  }
  endpoint "a" {
    weight = -1 # ERROR: Value out of range
    call "db" {
      probability = 1.5 # ERROR: Value out of range
    }
    publish "q" {
      probability = -0.1 # ERROR: Value out of range
    }
  }
  consume "q" {
    concurrency = 0 # ERROR: Value out of range
  }
}

service "db" {}
queue "q" {
  partitions = 0 # ERROR: Value out of range
}

link "api" "db" {
  retry {
    attempts = 0 # ERROR: Value out of range
    budget   = 2 # ERROR: Value out of range
    base     = "100ms"
    cap      = "10ms" # ERROR: Value out of range
  }
  circuit_breaker {
    failure_rate    = 0 # ERROR: Value out of range
    half_open_calls = 0 # ERROR: Value out of range
    slow_call       = "1s"
    slow_call_rate  = 1.5 # ERROR: Value out of range
  }
  bulkhead {
    max_concurrent = 0 # ERROR: Value out of range
  }
}
