# Imported by `berth import` from compose.yaml.
berth {
  project = "toplevel"
}

network "backend" {}

network "options-only" {}

secret "token" {
  file = "redis.conf"
}

config "redis-config" {
  file = "redis.conf"
}

service "adk" {
  image = "ghcr.io/example/adk:1"
  restart {
    condition = "none"
  }
}

service "cluster-1" {
  image    = "redis:7"
  networks = [network.backend]
  configs  = [config.redis-config]
  restart {
    condition = "none"
  }
}
