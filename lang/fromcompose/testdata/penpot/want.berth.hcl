# Imported by `berth import` from docker-compose.yaml.
berth {
  project = "penpot"
}

network "penpot" {}

volume "penpot_postgres_v15" {}

service "penpot-backend" {
  image      = "penpotapp/backend:2.4"
  networks   = [network.penpot]
  depends_on = [service.penpot-postgres]
  env = {
    PENPOT_DATABASE_URI      = "postgresql://penpot-postgres/penpot"
    PENPOT_FLAGS             = "disable-email-verification enable-smtp enable-prepl-server"
    PENPOT_PUBLIC_URI        = "http://localhost:9001"
    PENPOT_SECRET_KEY        = "change-this-insecure-key"
    PENPOT_SMTP_PORT         = "1025"
    PENPOT_TELEMETRY_ENABLED = "true"
  }
  restart {
    condition = "any"
  }
}

service "penpot-mailcatch" {
  image    = "sj26/mailcatcher:latest"
  networks = [network.penpot]
  port {
    published = 1080
    target    = 1080
  }
  restart {
    condition = "any"
  }
}

service "penpot-postgres" {
  image    = "postgres:15"
  networks = [network.penpot]
  env = {
    POSTGRES_DB          = "penpot"
    POSTGRES_INITDB_ARGS = "--data-checksums"
  }
  mount {
    volume = volume.penpot_postgres_v15
    target = "/var/lib/postgresql/data"
  }
  health {
    cmd          = ["CMD-SHELL", "pg_isready -U penpot"]
    interval     = "2s"
    timeout      = "10s"
    retries      = 5
    start_period = "2s"
  }
  restart {
    condition = "any"
  }
}
