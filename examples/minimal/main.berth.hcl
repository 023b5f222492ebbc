# The smallest useful spec: one service, one load, one expectation.
#
# The service has one worker and exponential service times (mean 10 ms, so
# μ = 100/s), and requests arrive at random (Poisson) at λ = 50/s: an
# M/M/1 queue at ρ = λ/μ = 0.5. Queueing theory gives the answer the
# simulator must find:
#   mean response time W = 1/(μ − λ)          = 1/50 s  = 20 ms
#   p99 (W is exponential) = ln(100)/(μ − λ)  = 92 ms
#
#   berth validate examples/minimal
#   berth simulate examples/minimal

service "api" {
  capacity {
    workers      = 1
    queue        = 1000 # large enough never to fill at ρ = 0.5
    service_time = "exp(10ms)"
  }
}

load "steady" {
  entry    = service.api
  rate     = 50
  duration = "10m" # long, so the p99 estimate is tight
  warmup   = "10s"
}

scenario "baseline" {
  load = load.steady

  # The bounds leave room for the noise of a 10-minute estimate above the
  # exact 20 ms and 92 ms.
  expect {
    mean = "25ms"
    p99  = "110ms"
  }
}
