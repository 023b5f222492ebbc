# Arguments that another argument makes ignored are warnings, not silence.

queue "jobs" {
  partitions = 6 # WARNING: Partitions without effect
}

queue "events" {
  kind       = "kafka"
  partitions = 6
}

service "api" {
  endpoint "a" {
    publish "jobs" {}
    publish "events" {}
    call "db" {}
  }
}

service "db" {}

service "worker" {
  consume "jobs" {}
  consume "events" {}
}

link "api" "db" {
  circuit_breaker {
    window_calls   = 50
    window         = "30s" # WARNING: Window without effect
    slow_call_rate = 0.5   # WARNING: Slow-call rate without effect
  }
}
