# Retries, a circuit breaker and a fallback, tried against failing
# dependencies before anything is deployed.
#
# checkout charges the card through payments and shows suggestions from
# recommendations. payments is flaky at times: its link retries an error
# answer (a 5xx) up to 3 attempts in all, with jittered exponential
# backoff. recommendations is optional: its call has a fallback, so when
# it fails the page still renders, without suggestions (a degraded
# success), and its breaker stops calling it while it is down.
#
#   berth simulate examples/retries
#   berth simulate examples/retries --scenario payments-flaky
#   berth simulate examples/retries --scenario payments-flaky --var payment_attempts=1
#     (exit 3: without retries 20 % of the charges fail while the fault lasts)
#
# With independent failures the arithmetic is simple: a call that fails
# with probability p on each attempt fails after n attempts with
# probability pⁿ. payments failing 20 % of its requests costs checkout
# 0.2³ = 0.8 % of its charges with 3 attempts, inside its 1 % budget,
# and 20 % with 1.

berth {
  project = "retries"
}

variable "payment_attempts" {
  type        = number
  default     = 3
  description = "Attempts per charge, the first included."
}

service "checkout" {
  replicas = 2

  port {
    published = 8090
    target    = 8080
  }

  capacity {
    workers      = 64
    service_time = "lognormal(2ms, 8ms)"
  }

  endpoint "pay" {
    call "payments" {}
    call "recommendations" {
      fallback = "default" # no suggestions on the page: degraded, not failed
    }
  }
}

service "payments" {
  replicas = 3

  capacity {
    workers      = 16
    service_time = "lognormal(15ms, 60ms)"
  }
}

service "recommendations" {
  replicas = 2

  capacity {
    workers      = 32
    service_time = "lognormal(5ms, 30ms)"
  }
}

link "checkout" "payments" {
  timeout = "500ms"

  retry {
    attempts = var.payment_attempts
    on       = ["5xx", "refused"] # a charge that timed out may have gone through: not retried
  }
}

link "checkout" "recommendations" {
  timeout = "100ms"

  circuit_breaker {
    failure_rate    = 0.5
    window          = "10s"
    min_calls       = 20
    open_for        = "5s"
    half_open_calls = 1
  }
}

load "peak" {
  entry    = service.checkout
  rate     = 150
  duration = "60s"
  warmup   = "5s"
}

# payments answers one request in five with an error for 30 s.
scenario "payments-flaky" {
  fault "error" {
    service     = "payments"
    probability = 0.2
    at          = "15s"
    duration    = "30s"
  }
  expect {
    error_rate = 0.01 # 0.2³ of the charges in the window, about 0.4 % of the run
    p99        = "300ms"
  }
}

# recommendations fails every request for 20 s: pages go out without
# suggestions, and the breaker spares the calls.
scenario "recommendations-down" {
  fault "error" {
    service  = "recommendations"
    at       = "20s"
    duration = "20s"
  }
  expect {
    error_rate    = 0.001
    degraded_rate = 0.5 # about 20 s of 55 measured
  }
}
