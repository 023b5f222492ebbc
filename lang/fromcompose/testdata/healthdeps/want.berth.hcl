# Imported by `berth import` from compose.yaml.
berth {
  project = "healthdeps"
}

service "database" {
  image = "docker.io/library/postgres:16-alpine"
  env = {
    POSTGRES_DB   = "app"
    POSTGRES_USER = "app"
  }
  health {
    cmd          = ["CMD-SHELL", "pg_isready -d $${POSTGRES_DB} -U $${POSTGRES_USER}"]
    interval     = "30s"
    timeout      = "5s"
    retries      = 5
    start_period = "20s"
  }
  restart {
    condition = "any"
  }
}

service "migrate" {
  image      = "ghcr.io/example/server:2024.8"
  command    = ["migrate"]
  depends_on = [service.database]
  restart {
    condition    = "on-failure"
    max_attempts = 3
  }
}

service "redis" {
  image   = "docker.io/library/redis:7.4-alpine"
  command = ["--save", "60", "1", "--loglevel", "warning"]
  health {
    cmd      = ["CMD-SHELL", "redis-cli ping | grep PONG"]
    interval = "10s"
    timeout  = "3s"
    retries  = 3
  }
  restart {
    condition = "any"
  }
}

service "server" {
  image      = "ghcr.io/example/server:2024.8"
  command    = ["server"]
  depends_on = [service.migrate, service.redis]
  port {
    published = 9000
    target    = 9000
  }
  health {
    cmd      = ["CMD", "wget", "-q", "--spider", "http://localhost:9000/-/health/live/"]
    interval = "5s"
  }
  restart {
    condition = "any"
  }
}

service "worker" {
  image      = "ghcr.io/example/server:2024.8"
  command    = ["worker"]
  depends_on = [service.database, service.redis]
  restart {
    condition = "none"
  }
}
