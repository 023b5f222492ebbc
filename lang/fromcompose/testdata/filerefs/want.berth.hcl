# Imported by `berth import` from compose.yaml.
berth {
  project = "nginx-inline"
}

secret "db-password" {
  file = "db.password"
}

config "index-html" {
  content = "<h1>Hello arulraj.net!</h1>\n"
}

config "nginx-conf" {
  content = "events {}\n"
}

service "db" {
  image = "postgres:16"
  env = {
    POSTGRES_PASSWORD_FILE = "/run/secrets/db.password"
  }
  secrets = [secret.db-password]
  restart {
    condition = "none"
  }
}

service "nginx" {
  image   = "nginx:1.27.1"
  configs = [config.index-html, config.nginx-conf]
  port {
    published = 8080
    target    = 80
  }
  restart {
    condition = "none"
  }
}
