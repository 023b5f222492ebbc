# A small system for the report's synthetic test: the report is built
# from hand-written simulate.Report values, so only the structure of this
# spec matters (names, calls, the queue, the load and the scenario).

berth {
  project = "synthetic"
}

service "gateway" {
  replicas = 2

  capacity {
    workers      = 8
    service_time = "exp(2ms)"
  }

  endpoint "page" {
    call "api" {}

    call "profile" {
      fallback = "default"
    }

    publish "events" {}
  }
}

service "api" {
  replicas = 2

  capacity {
    workers      = 4
    service_time = "exp(5ms)"
  }

  endpoint "get" {
    call "db" {}
  }
}

service "profile" {
  capacity {
    workers      = 4
    service_time = "exp(3ms)"
  }
}

service "db" {
  capacity {
    workers      = 4
    service_time = "exp(2ms)"
  }
}

queue "events" {
  kind = "rabbitmq"
}

service "worker" {
  capacity {
    workers      = 1
    service_time = "exp(10ms)"
  }

  consume "events" {}
}

link "gateway" "api" {
  timeout = "200ms"

  retry {
    attempts = 2
  }
}

link "gateway" "profile" {
  timeout = "50ms"
}

link "api" "db" {
  timeout = "100ms"
}

load "peak" {
  entry    = service.gateway
  rate     = 100
  duration = "30s"
  warmup   = "2s"
}

scenario "api-loss" {
  load = load.peak

  fault "kill" {
    service  = "api"
    replicas = 1
    at       = "10s"
  }

  expect {
    p99        = "250ms"
    error_rate = 0.01
  }
}
