# Imported by `berth import` from compose.yaml.
berth {
  project = "mountopts"
}

volume "traefik_config" {}

volume "traefik_ssl" {}

service "traefik" {
  image = "docker.io/traefik:v3.4"
  mount {
    volume = volume.traefik_ssl
    target = "/letsencrypt"
  }
  mount {
    volume = volume.traefik_config
    target = "/traefik_config"
  }
  restart {
    condition = "any"
  }
}
