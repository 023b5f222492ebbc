# Two ways to lose every answer: the one host goes down (compose never
# notices), or every replica hangs with no health check. The clients get
# no answer, so both expectations must fail.
berth {
  backend = "compose"
}

service "gw" {
  replicas = 2
  capacity {
    service_time = "exp(2ms)"
  }
}

load "l" {
  entry    = service.gw
  rate     = 100
  duration = "30s"
}

scenario "total-outage" {
  load = load.l
  fault "node_down" {
    node = 1
    at   = "10s"
  }
  expect {
    error_rate = 0.01
    p99        = "50ms"
  }
}

scenario "hang" {
  load = load.l
  fault "hang" {
    service  = "gw"
    replicas = 2
    at       = "5s"
  }
  expect {
    error_rate = 0.01
    p99        = "50ms"
  }
}
