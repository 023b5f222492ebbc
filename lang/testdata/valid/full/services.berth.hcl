service "gateway" {
  image      = "shop/gateway:1.4.2"
  command    = ["/gateway", "--port", "8080"]
  replicas   = 3
  networks   = [network.edge, network.backend]
  depends_on = [service.auth]
  env        = merge(local.common_env, { AUTH = "jwt" })
  labels     = { team = "edge" }
  secrets    = [secret.jwt]
  configs    = [config.nginx]

  port {
    published = 8080
    target    = 8080
    host_ip   = "127.0.0.1"
  }
  resources {
    cpus   = 1
    memory = "256MiB"
  }
  health {
    http     = "/healthz"
    interval = "5s"
    timeout  = "1s"
    retries  = 3
  }
  update {
    parallelism    = 1
    order          = "start-first"
    failure_action = "rollback"
  }
  capacity {
    workers      = 64
    queue        = 256
    service_time = "lognormal(4ms, 20ms)"
    startup      = "2s"
  }

  endpoint "list_orders" {
    weight = 1
    call "auth" {}
    parallel {
      call "users" { fallback = "default" }
      sequence {
        call "orders" {}
        call "products" {
          endpoint    = "get"
          probability = 0.2
        }
      }
    }
    publish "order-events" {}
  }
}

service "auth" {
  networks = ["backend"]
  capacity { service_time = "exp(2ms)" }
}

service "users" {
  networks = [network.backend]
  capacity { service_time = "const(3ms)" }
}

service "orders" {
  replicas = var.orders_replicas
  networks = [network.backend]
  mount {
    volume = volume.orders-data
    target = "/var/lib/mysql"
  }
  capacity { service_time = "gamma(10ms, 2)" }
}

service "products" {
  networks = [network.backend]
  endpoint "get" {
    service_time = "uniform(1ms, 5ms)"
  }
  endpoint "list" {}
}

service "mailer" {
  networks = [network.backend]
  endpoint "send" {}
  consume "order-events" {
    concurrency = 2
    endpoint    = "send"
  }
}

service "shard" {
  for_each = local.shards
  name     = "shard-${each.key}"
  replicas = lookup(var.shard_replicas, each.key, 1)
}

link "gateway" "orders" {
  timeout        = "300ms"
  load_balancing = "p2c"
  retry {
    attempts = 3
    backoff  = "exponential"
    base     = "25ms"
    cap      = "250ms"
    jitter   = "full"
    budget   = 0.2
  }
  circuit_breaker {
    window          = "10s"
    min_calls       = 20
    failure_rate    = 0.5
    open_for        = "5s"
    half_open_calls = 1
  }
  bulkhead { max_concurrent = 25 }
}

link "gateway" "users" {
  timeout = "100ms"
}
link "gateway" "auth" {
  timeout = "50ms"
}
link "gateway" "products" {
  timeout = "50ms"
}

queue "order-events" {
  kind       = "kafka"
  partitions = 6
}

load "peak" {
  entry    = service.gateway
  endpoint = "list_orders"
  rate     = 800
  arrival  = "poisson"
  duration = "60s"
}

load "ramp" {
  entry = service.gateway
  ramp {
    from = 100
    to   = 800
    over = "30s"
  }
}

scenario "orders-replica-loss" {
  load = load.peak
  fault "kill" {
    service  = "orders"
    replicas = 1
    at       = "20s"
  }
  fault "node_down" {
    node = 1
    at   = "40s"
  }
  fault "slow" {
    service  = service.products
    delay    = "const(200ms)"
    at       = "5s"
    duration = "10s"
  }
  expect {
    p99        = "500ms"
    error_rate = 0.01
  }
}

slo "gateway-latency" {
  service    = "gateway"
  endpoint   = "list_orders"
  p99        = "300ms"
  error_rate = 0.001
}
