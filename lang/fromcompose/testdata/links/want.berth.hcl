# Imported by `berth import` from compose.yaml.
berth {
  project = "links"
}

service "cache" {
  image = "redis:7"
  restart {
    condition = "none"
  }
}

service "db" {
  image = "postgres:16"
  restart {
    condition = "none"
  }
}

service "web" {
  image      = "app:1"
  depends_on = [service.db]
  env = {
    DB_HOST = "database"
  }
  restart {
    condition = "none"
  }
}

service "worker" {
  image      = "app:1"
  depends_on = [service.cache]
  env = {
    DB_HOST = "database"
  }
  restart {
    condition = "none"
  }
}
