# Imported by `berth import` from compose.yaml.
berth {
  project = "anchors"
}

volume "sentry-data" {}

volume "postgresql-data" {}

service "ad" {
  image = "ghcr.io/open-telemetry/demo:latest-ad"
  port {
    target = 9555
  }
  restart {
    condition = "none"
  }
}

service "cron" {
  image   = "sentry-self-hosted-local"
  command = ["run", "cron"]
  env = {
    SENTRY_CONF = "/etc/sentry"
  }
  mount {
    volume = volume.sentry-data
    target = "/data"
  }
  mount {
    source    = "./sentry.conf.py"
    target    = "/etc/sentry/sentry.conf.py"
    read_only = true
  }
  restart {
    condition = "any"
  }
}

service "postgresql" {
  image = "postgres:16"
  env = {
    PGDATA            = "$${HOME}/data"
    POSTGRES_PASSWORD = ""
  }
  mount {
    volume = volume.postgresql-data
    target = "/var/lib/postgresql/data"
  }
  health {
    cmd = ["CMD-SHELL", "pg_isready -U temporal -h \"$(hostname -i)\""]
  }
  restart {
    condition = "none"
  }
}

service "web" {
  image = "sentry-self-hosted-local"
  env = {
    SENTRY_CONF = "/etc/sentry"
  }
  port {
    published = 9000
    target    = 9000
  }
  mount {
    volume = volume.sentry-data
    target = "/data"
  }
  mount {
    source    = "./sentry.conf.py"
    target    = "/etc/sentry/sentry.conf.py"
    read_only = true
  }
  restart {
    condition = "any"
  }
}

service "worker" {
  image   = "sentry-self-hosted-local"
  command = ["run", "worker"]
  env = {
    SENTRY_CONF = "/etc/sentry"
  }
  mount {
    volume = volume.sentry-data
    target = "/data"
  }
  mount {
    source    = "./sentry.conf.py"
    target    = "/etc/sentry/sentry.conf.py"
    read_only = true
  }
  restart {
    condition = "any"
  }
}
