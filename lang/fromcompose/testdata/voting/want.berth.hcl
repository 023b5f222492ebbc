# Imported by `berth import` from docker-compose.yml.
berth {
  project = "voting"
}

network "back-tier" {}

network "front-tier" {}

volume "db-data" {}

service "db" {
  image    = "postgres:15-alpine"
  networks = [network.back-tier]
  env = {
    POSTGRES_PASSWORD = "postgres"
    POSTGRES_USER     = "postgres"
  }
  mount {
    volume = volume.db-data
    target = "/var/lib/postgresql/data"
  }
  mount {
    source = "./healthchecks"
    target = "/healthchecks"
  }
  health {
    cmd      = ["CMD-SHELL", "/healthchecks/postgres.sh"]
    interval = "5s"
  }
  restart {
    condition = "none"
  }
}

service "redis" {
  image    = "redis:alpine"
  networks = [network.back-tier]
  mount {
    source = "./healthchecks"
    target = "/healthchecks"
  }
  health {
    cmd      = ["CMD-SHELL", "/healthchecks/redis.sh"]
    interval = "5s"
  }
  restart {
    condition = "none"
  }
}

service "result" {
  networks   = [network.back-tier, network.front-tier]
  depends_on = [service.db]
  port {
    published = 8081
    target    = 80
  }
  port {
    published = 9229
    target    = 9229
    host_ip   = "127.0.0.1"
  }
  mount {
    source = "./result"
    target = "/usr/local/app"
  }
  restart {
    condition = "none"
  }
}

service "vote" {
  networks   = [network.back-tier, network.front-tier]
  depends_on = [service.redis]
  port {
    published = 8080
    target    = 80
  }
  mount {
    source = "./vote"
    target = "/usr/local/app"
  }
  health {
    cmd          = ["CMD", "curl", "-f", "http://localhost"]
    interval     = "15s"
    timeout      = "5s"
    retries      = 3
    start_period = "10s"
  }
  restart {
    condition = "none"
  }
}

service "worker" {
  networks   = [network.back-tier]
  depends_on = [service.db, service.redis]
  restart {
    condition = "none"
  }
}
