# Imported by `berth import` from compose.yaml.
berth {
  project = "credcmd"
}

service "cache" {
  image   = "redis:7.4"
  command = ["redis-server", "--requirepass", "$${REDIS_PASSWORD}", "--appendonly", "yes"]
  env = {
    REDIS_PASSWORD = var.redis_password
  }
  health {
    cmd = ["CMD-SHELL", "redis-cli -a \"$${REDIS_PASSWORD}\" ping | grep PONG"]
  }
  restart {
    condition = "none"
  }
}

variable "redis_password" {
  type        = string
  sensitive   = true
  description = "$REDIS_PASSWORD of the Compose file, which REDIS_PASSWORD of cache, REDIS_PASSWORD of pinger read."
}

service "db" {
  image = "mariadb:11.4"
  env = {
    MYSQL_ROOT_PASSWORD = var.mysql_root_password
    MYSQL_USER          = "app"
  }
  health {
    cmd      = ["CMD-SHELL", "mysqladmin ping -u root --password=\"$${MYSQL_ROOT_PASSWORD}\""]
    interval = "10s"
  }
  restart {
    condition = "none"
  }
}

variable "mysql_root_password" {
  type        = string
  sensitive   = true
  description = "$MYSQL_ROOT_PASSWORD of the Compose file, which MYSQL_ROOT_PASSWORD of db reads."
}

service "pinger" {
  image   = "redis:7.4"
  command = ["sh", "-c", "redis-cli -h cache -a ''\"$${REDIS_PASSWORD}\"'' ping"]
  env = {
    REDIS_PASSWORD = var.redis_password
  }
  restart {
    condition = "none"
  }
}

service "probe" {
  image   = "redis:7.4"
  command = ["sh", "-c", "redis-cli -h cache -a $${REDIS_PASSWORD} monitor && echo $HOME"]
  restart {
    condition = "none"
  }
}
