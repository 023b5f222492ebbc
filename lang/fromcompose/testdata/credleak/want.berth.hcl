# Imported by `berth import` from compose.yaml.
berth {
  project = "credleak"
}

service "backup" {
  image   = "alpine:3.20"
  command = ["sh", "-c", "pg_dump postgres://app:pw-in-dotenv@db/app > /backup/db.sql"]
  restart {
    condition = "none"
  }
}

service "proxy" {
  image = "traefik:v3.1"
  labels = {
    "traefik.http.middlewares.auth.basicauth.users" = "admin:$apr1$xyz0"
  }
  restart {
    condition = "none"
  }
}
