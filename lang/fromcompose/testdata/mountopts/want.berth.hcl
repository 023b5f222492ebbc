# Imported by `berth import` from compose.yaml.
berth {
  project = "mountopts"
}

volume "traefik_config" {}

volume "traefik_ssl" {}

service "mailserver" {
  image = "ghcr.io/docker-mailserver/docker-mailserver:latest"
  mount {
    source = "./docker-data/dms/mail-data"
    target = "/var/mail"
  }
  mount {
    source = "./docker-data/dms/config"
    target = "/tmp/docker-mailserver"
  }
  mount {
    source    = "/etc/localtime"
    target    = "/etc/localtime"
    read_only = true
  }
  mount {
    source = "./docker-data/dms/mail-state"
    target = "/var/mail-state"
  }
  restart {
    condition = "any"
  }
}

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
