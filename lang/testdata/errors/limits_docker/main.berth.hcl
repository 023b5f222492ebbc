# Values the loader refuses because they cannot run: health timings below
# Docker's 1 ms, and retries that would never end.

service "a" {
  health {
    http         = "/healthz"
    interval     = "1ns" # ERROR: Value out of range
    timeout      = "999us" # ERROR: Value out of range
    start_period = "1us" # ERROR: Value out of range
  }

  endpoint "get" {
    call "b" {}
  }
}

service "b" {
  health {
    http         = "/healthz"
    interval     = "1ms"
    timeout      = "1ms"
    start_period = "0s"
  }
}

link "a" "b" {
  retry {
    attempts = 1001 # ERROR: Value out of range
  }
}

service "c" {
  endpoint "get" {
    call "b" {}
  }
}

link "c" "b" {
  retry {
    attempts = 1000
  }
}
