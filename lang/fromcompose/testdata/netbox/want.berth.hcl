# Imported by `berth import` from docker-compose.yml.
berth {
  project = "netbox"
}

volume "netbox-media-files" {}

volume "netbox-postgres-data" {}

volume "netbox-redis-data" {}

service "netbox" {
  image      = "docker.io/netboxcommunity/netbox:v4.1-3.0.2"
  depends_on = [service.postgres, service.redis]
  env = {
    DB_HOST        = "postgres" # from env/netbox.env:1
    DB_NAME        = "netbox"   # from env/netbox.env:2
    DB_USER        = "netbox"   # from env/netbox.env:3
    REDIS_HOST     = "redis"    # from env/netbox.env:4
    SKIP_SUPERUSER = "true"     # from env/netbox.env:5
  }
  mount {
    source    = "./configuration"
    target    = "/etc/netbox/config"
    read_only = true
  }
  mount {
    volume = volume.netbox-media-files
    target = "/opt/netbox/netbox/media"
  }
  health {
    cmd          = ["CMD-SHELL", "curl -f http://localhost:8080/login/ || exit 1"]
    interval     = "15s"
    timeout      = "3s"
    start_period = "1m30s"
  }
  restart {
    condition = "none"
  }
}

service "netbox-worker" {
  image      = "docker.io/netboxcommunity/netbox:v4.1-3.0.2"
  command    = ["/opt/netbox/venv/bin/python", "/opt/netbox/netbox/manage.py", "rqworker"]
  depends_on = [service.netbox]
  env = {
    DB_HOST        = "postgres" # from env/netbox.env:1
    DB_NAME        = "netbox"   # from env/netbox.env:2
    DB_USER        = "netbox"   # from env/netbox.env:3
    REDIS_HOST     = "redis"    # from env/netbox.env:4
    SKIP_SUPERUSER = "true"     # from env/netbox.env:5
  }
  mount {
    source    = "./configuration"
    target    = "/etc/netbox/config"
    read_only = true
  }
  mount {
    volume = volume.netbox-media-files
    target = "/opt/netbox/netbox/media"
  }
  health {
    cmd          = ["CMD-SHELL", "ps -aux | grep -v grep | grep -q rqworker || exit 1"]
    interval     = "15s"
    timeout      = "3s"
    start_period = "20s"
  }
  restart {
    condition = "none"
  }
}

service "postgres" {
  image = "docker.io/postgres:16-alpine"
  env = {
    POSTGRES_DB   = "netbox" # from env/postgres.env:1
    POSTGRES_USER = "netbox" # from env/postgres.env:2
  }
  mount {
    volume = volume.netbox-postgres-data
    target = "/var/lib/postgresql/data"
  }
  health {
    cmd          = ["CMD-SHELL", "pg_isready -q -t 2 -d $POSTGRES_DB -U $POSTGRES_USER"]
    interval     = "10s"
    timeout      = "30s"
    retries      = 5
    start_period = "20s"
  }
  restart {
    condition = "none"
  }
}

service "redis" {
  image   = "docker.io/valkey/valkey:8.0-alpine"
  command = ["sh", "-c", "valkey-server --appendonly yes --requirepass $REDIS_PASSWORD"]
  env = {
    REDIS_PASSWORD = var.redis_password # from env/redis.env:1
  }
  mount {
    volume = volume.netbox-redis-data
    target = "/data"
  }
  health {
    cmd          = ["CMD-SHELL", "[ $(valkey-cli --pass \"$${REDIS_PASSWORD}\" ping) = 'PONG' ]"]
    interval     = "1s"
    timeout      = "3s"
    retries      = 5
    start_period = "5s"
  }
  restart {
    condition = "none"
  }
}

variable "redis_password" {
  type        = string
  sensitive   = true
  description = "The REDIS_PASSWORD of redis, which the Compose file reads from an env_file."
}
