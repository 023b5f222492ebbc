# Imported by `berth import` from compose.yaml.
berth {
  project = "extendsx"
}

service "cache" {
  image = "valkey/valkey:8"
  resources {
    cpus   = 0.25
    memory = "256MiB"
  }
  restart {
    condition = "any"
  }
}

service "web" {
  image = "ghcr.io/example/app:3.2"
  env = {
    LOG_FORMAT = "json"
    QUEUE      = "default"
    REDIS_URL  = "redis://cache:6379"
    ROLE       = "web"
    TZ         = "UTC"
  }
  port {
    published = 3000
    target    = 3000
  }
  resources {
    cpus   = 1.5
    memory = "512MiB"
  }
  health {
    cmd      = ["CMD-SHELL", "curl -fsS http://localhost:3000/health || exit 1"]
    interval = "15s"
    timeout  = "5s"
  }
  restart {
    condition = "none"
  }
}

service "worker" {
  image    = "ghcr.io/example/app:3.2"
  replicas = 2
  env = {
    LOG_FORMAT = "json"
    QUEUE      = "critical"
    REDIS_URL  = "redis://cache:6379"
    ROLE       = "worker"
    TZ         = "UTC"
  }
  resources {
    cpus   = 1.5
    memory = "1GiB"
  }
  health {
    cmd      = ["CMD-SHELL", "curl -fsS http://localhost:3000/health || exit 1"]
    interval = "15s"
    timeout  = "5s"
  }
  restart {
    condition = "none"
  }
}
