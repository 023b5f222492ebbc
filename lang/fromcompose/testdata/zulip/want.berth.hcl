# Imported by `berth import` from compose.yaml, zulip-override.yaml.
berth {
  project = "zulip"
}

volume "redis" {}

volume "zulip" {}

variable "zulip__redis_password_secret" {
  type        = string
  sensitive   = true
  description = "The secret zulip__redis_password, read from $ZULIP__REDIS_PASSWORD by Compose."
}

secret "zulip__redis_password" {
  value = var.zulip__redis_password_secret
}

service "redis" {
  image   = "redis:alpine"
  command = ["sh", "-euc", "/usr/local/bin/docker-entrypoint.sh --requirepass \"$(cat $REDIS_PASSWORD_FILE)\""]
  env = {
    REDIS_PASSWORD_FILE = "/run/secrets/zulip__redis_password"
  }
  secrets = [secret.zulip__redis_password]
  mount {
    volume = volume.redis
    target = "/data"
  }
  restart {
    condition = "any"
  }
}

service "zulip" {
  image      = "ghcr.io/zulip/zulip-server:11.0-0"
  depends_on = [service.redis]
  env = {
    SETTING_EXTERNAL_HOST = "zulip.example.com"
    SETTING_REDIS_HOST    = "redis"
  }
  secrets = [secret.zulip__redis_password]
  port {
    published = 25
    target    = 25
  }
  port {
    published = 80
    target    = 80
  }
  mount {
    volume = volume.zulip
    target = "/data"
  }
  restart {
    condition = "any"
  }
}
