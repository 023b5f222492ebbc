service "api" {}

load "peak" {
  entry = service.api
  rate  = 10
}

scenario "zeros" {
  expect {
    p99        = "0s" # WARNING: Latency bound that can never pass
    mean       = 0    # WARNING: Latency bound that can never pass
    throughput = 0
    error_rate = 0
  }
}

slo "zero" {
  p50 = "0ms" # WARNING: Latency bound that can never pass
}

slo "null" {
  p99 = null
}
