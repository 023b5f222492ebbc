# Imported by `berth import` from docker-compose.yml.
berth {
  project = "plane"
}

volume "pgdata" {}

service "migrator" {
  image   = "makeplane/plane-backend:stable"
  command = ["./bin/docker-entrypoint-migrator.sh"]
  env = {
    PGHOST      = "plane-db"
    POSTGRES_DB = "plane"
  }
  restart {
    condition = "on-failure"
  }
}

service "plane-db" {
  image   = "postgres:15.7-alpine"
  command = ["postgres", "-c", "max_connections=1000"]
  env = {
    PGHOST      = "plane-db"
    POSTGRES_DB = "plane"
  }
  mount {
    volume = volume.pgdata
    target = "/var/lib/postgresql/data"
  }
  restart {
    condition = "any"
  }
}

service "proxy" {
  image      = "makeplane/plane-proxy:stable"
  depends_on = [service.web]
  env = {
    APP_DOMAIN      = "localhost"
    FILE_SIZE_LIMIT = "5242880"
  }
  port {
    published = 80
    target    = 80
    mode      = "host"
  }
  port {
    published = 443
    target    = 443
    mode      = "host"
  }
  restart {
    condition = "any"
  }
}

service "web" {
  image    = "makeplane/plane-frontend:stable"
  replicas = 2
  restart {
    condition = "any"
  }
}
