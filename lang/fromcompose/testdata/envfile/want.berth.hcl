# Imported by `berth import` from compose.yaml.
berth {
  project = "envfile"
}

service "web" {
  image   = "ghcr.io/mastodon/mastodon:v4.3.17"
  command = ["bundle", "exec", "puma", "-C", "config/puma.rb"]
  env = {
    LOCAL_DOMAIN    = "example.com"
    SECRET_KEY_BASE = "9f2c"
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
