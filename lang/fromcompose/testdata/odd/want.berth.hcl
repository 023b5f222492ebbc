# Imported by `berth import` from compose.yaml.
berth {
  project = "odd"
}

variable "fromenv_config" {
  type        = string
  description = "The config fromenv, read from $SITE_CONF by Compose."
}

config "fromenv" {
  content = var.fromenv_config
}

config "site" {
  content = "server { listen 80; }\n"
}

service "once" {
  image   = "busybox:1.36"
  command = ["true"]
  health {
    cmd = ["CMD", "true"]
  }
  restart {
    condition = "none"
  }
}

service "sidecar" {
  image   = "busybox:1.36"
  configs = [config.site, config.fromenv]
  restart {
    condition = "none"
  }
}

service "web" {
  image = "nginx:1.25"
  port {
    target = 80
  }
  restart {
    condition = "any"
  }
}
