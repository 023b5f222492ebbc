# The services of the shop. None sets `image`: berth's own emulator runs
# each one with the capacity and endpoints declared here, so the same file
# is simulated (`berth simulate`) and deployed (`berth apply`). To deploy a
# real program instead, give the service an image; the capacity block then
# only feeds the simulator.
#
# Capacity at the peak load (300 requests/s into the gateway, 90 %
# list_orders, 10 % create_order; see load.berth.hcl). Every service runs
# the thread model: a request holds one worker for its whole life,
# downstream calls included, so "hold" is local work + the calls it waits
# for (+ 0.4 ms of hop latency per call). Means of the distributions:
# lognormal(1ms, 5ms) = 1.27 ms, lognormal(1ms, 4ms) = 1.19 ms,
# lognormal(2ms, 10ms) = 2.54 ms, lognormal(4ms, 20ms) = 5.08 ms,
# lognormal(6ms, 30ms) = 7.62 ms, lognormal(5ms, 25ms) = 6.35 ms,
# lognormal(0.3ms, 1ms) = 0.34 ms.
#
#   service      λ (/s)  hold (ms)  replicas×workers  worker util  cpu util
#   gateway        300    ≈16.2        3 × 16            0.10        0.25
#   auth           300      1.19       2 × 8             0.02        0.36
#   users          270      5.48       2 × 8             0.09        0.34
#   users-db       270      2.54       1 × 8             0.09        0.34
#   orders         300      9.07       2 × 4             0.34        0.40
#   orders-db      300      3.34       1 × 8             0.13        0.50
#   products       270      3.84       2 × 8             0.06        0.27
#   cache          270      0.34       1 × 1             0.09        0.19
#   products-db     54      5.08       1 × 8             0.03        0.27
#   mailer          30     20.0        2 × 2             0.15        0.30
#
# worker util = λ × hold / (replicas × workers) (Little's law); cpu util =
# λ × mean local work / (replicas × cpus). The busiest are orders (0.34 of
# its workers, 0.68 on the survivor when one of two replicas is lost) and
# orders-db (0.50 of its cpus). At the ramp's top, 400 requests/s, every
# figure is 4/3 of these and the highest is orders-db's cpu at 0.67.

# The API gateway: the only service clients reach. It authenticates each
# request, then fans out (the seed's "user order list" aggregation page).
service "gateway" {
  replicas = 3
  networks = [network.edge, network.backend]
  env = merge(local.common_env, {
    AUTH = "jwt"
  })
  labels = {
    team = "edge"
  }

  # Clients reach it on 127.0.0.1:8080 only.
  port {
    published = 8080
    target    = 8080
    host_ip   = "127.0.0.1"
  }

  resources {
    cpus   = 0.5
    memory = "128MiB"
  }

  # Short intervals so a failed replica leaves rotation after
  # interval × retries = 6 s; Docker's defaults (30 s) would take 90 s.
  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  # Roll one replica at a time, start the new one before stopping the old,
  # and roll back when the new one fails its health check.
  update {
    parallelism    = 1
    order          = "start-first"
    failure_action = "rollback"
    monitor        = "5s"
  }

  capacity {
    workers      = 16 # a thread-per-request pool; the timeouts in links.berth.hcl keep a slow dependency from exhausting it
    queue        = 64
    service_time = "lognormal(1ms, 5ms)" # median, p99 of the gateway's own work (routing, token check)
  }

  # The "user order list" page: users and orders are independent, so they
  # are fetched in parallel; products needs the orders' product ids, so it
  # comes after orders. When users fails the page still renders with a
  # default avatar and nickname (fallback = "default"): a degraded success.
  # When orders or products fails, the page fails.
  endpoint "list_orders" {
    weight = 0.9

    call "auth" {}

    parallel {
      call "users" {
        fallback = "default"
      }

      sequence {
        call "orders" {}
        call "products" {}
      }
    }
  }

  # Placing an order: write it, then announce it on a queue. The publish
  # returns at once; the mailer works through the queue at its own pace.
  endpoint "create_order" {
    weight = 0.1

    call "auth" {}

    call "orders" {
      endpoint = "create"
    }

    publish "order-events" {}
  }
}

# Validates the client's token (kept in a signed JWT, so no store call).
service "auth" {
  replicas = 2
  networks = [network.backend]
  env      = local.common_env

  resources {
    cpus   = 0.5
    memory = "64MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  capacity {
    workers      = 8
    queue        = 64
    service_time = "lognormal(1ms, 4ms)"
  }
}

# User profiles (name, avatar), read from users-db.
service "users" {
  replicas   = 2
  networks   = [network.backend]
  env        = local.common_env
  secrets    = [secret.db_password]
  depends_on = [service.users-db]

  resources {
    cpus   = 1
    memory = "128MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  capacity {
    workers      = 8
    queue        = 64
    service_time = "lognormal(2ms, 10ms)"
  }

  endpoint "get" {
    call "users-db" {}
  }
}

# The orders of a user, and new orders.
service "orders" {
  replicas   = var.orders_replicas
  networks   = [network.backend]
  env        = local.common_env
  secrets    = [secret.db_password]
  depends_on = [service.orders-db]

  resources {
    cpus   = 2
    memory = "256MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  update {
    parallelism    = 1
    order          = "start-first"
    failure_action = "rollback"
  }

  capacity {
    workers = 4 # a small pool: the loss of a replica shows in the latency
    queue   = 64
  }

  # The first endpoint is the one a call without `endpoint` reaches.
  endpoint "list" {
    service_time = "lognormal(4ms, 20ms)"

    call "orders-db" {
      endpoint = "query"
    }
  }

  endpoint "create" {
    service_time = "lognormal(6ms, 30ms)"

    call "orders-db" {
      endpoint = "write"
    }
  }
}

# Product titles and pictures. A redis-like cache sits in front of the
# product store: every lookup asks the cache, and the 20 % that miss go on
# to products-db. If the cache is down, the lookup is skipped (a degraded
# answer) instead of failing the page.
service "products" {
  replicas   = 2
  networks   = [network.backend]
  env        = local.common_env
  secrets    = [secret.db_password]
  depends_on = [service.cache, service.products-db]

  resources {
    cpus   = 1
    memory = "128MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  capacity {
    workers      = 8
    queue        = 64
    service_time = "exp(2ms)"
  }

  endpoint "get" {
    call "cache" {
      fallback = "skip"
    }

    call "products-db" {
      probability = 0.2 # the cache miss ratio
    }
  }
}

# redis-like: one thread serves every command, fast.
service "cache" {
  networks = [network.backend]

  resources {
    cpus   = 0.5
    memory = "256MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  capacity {
    workers      = 1
    queue        = 512
    service_time = "lognormal(0.3ms, 1ms)"
  }
}

# mysql-like stores, one per domain (the article: split the databases per
# microservice from the start). A single replica each, with its data in a
# named volume. Under swarm a local volume pins its store to one node: the
# manager, here.
service "users-db" {
  networks = [network.backend]
  env = merge(local.db_env, {
    MYSQL_DATABASE = "users"
  })
  secrets = [secret.db_password]

  mount {
    volume = volume.users-data
    target = "/var/lib/mysql"
  }

  resources {
    cpus   = 2
    memory = "512MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  placement {
    constraints = ["node.role == manager"]
  }

  capacity {
    workers      = 8
    queue        = 128
    service_time = "lognormal(2ms, 10ms)"
  }
}

service "orders-db" {
  networks = [network.backend]
  env = merge(local.db_env, {
    MYSQL_DATABASE = "orders"
  })
  secrets = [secret.db_password]

  mount {
    volume = volume.orders-data
    target = "/var/lib/mysql"
  }

  resources {
    cpus   = 2
    memory = "512MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  placement {
    constraints = ["node.role == manager"]
  }

  capacity {
    workers = 8
    queue   = 128
  }

  endpoint "query" {
    service_time = "gamma(3ms, 1.5)" # mean 3 ms, a long tail (cv 1.5)
  }

  endpoint "write" {
    service_time = "lognormal(5ms, 25ms)" # a commit waits for the log flush
  }
}

service "products-db" {
  networks = [network.backend]
  env = merge(local.db_env, {
    MYSQL_DATABASE = "products"
  })
  secrets = [secret.db_password]

  mount {
    volume = volume.products-data
    target = "/var/lib/mysql"
  }

  resources {
    cpus   = 1
    memory = "512MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  placement {
    constraints = ["node.role == manager"]
  }

  capacity {
    workers      = 8
    queue        = 128
    service_time = "lognormal(4ms, 20ms)"
  }
}

# Order events decouple placing an order from mailing its confirmation:
# kafka-like, so at most 6 consumers (one per partition) share the work.
queue "order-events" {
  kind       = "kafka"
  partitions = 6
}

# Sends the order confirmations. 2 replicas × 2 consumers = 4 of the 6
# partitions' consumers drain 30 events/s at 20 ms each: 0.15 busy.
service "mailer" {
  replicas = 2
  networks = [network.backend]
  env      = local.common_env

  resources {
    cpus   = 1
    memory = "64MiB"
  }

  health {
    http     = "/healthz"
    interval = "2s"
    timeout  = "1s"
    retries  = 3
  }

  capacity {
    workers = 2
    queue   = 16
  }

  endpoint "send" {
    service_time = "exp(20ms)"
  }

  consume "order-events" {
    concurrency = 2
    endpoint    = "send"
  }
}
