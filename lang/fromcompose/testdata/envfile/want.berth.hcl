# Imported by `berth import` from compose.yaml.
berth {
  project = "envfile"
}

service "web" {
  image   = "ghcr.io/mastodon/mastodon:v4.3.17"
  command = ["bundle", "exec", "puma", "-C", "config/puma.rb"]
  env = {
    LOCAL_DOMAIN    = "example.com"       # from .env.production:1
    SECRET_KEY_BASE = var.secret_key_base # from .env.production:2
  }
  port {
    published = 3000
    target    = 3000
    host_ip   = "127.0.0.1"
  }
  restart {
    condition = "any"
  }
}

variable "secret_key_base" {
  type        = string
  sensitive   = true
  description = "The SECRET_KEY_BASE of web, which the Compose file reads from an env_file."
}
