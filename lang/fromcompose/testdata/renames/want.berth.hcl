# Imported by `berth import` from compose.yaml.
berth {
  project = "renames"
}

network "meet-jitsi" {}

network "meet-jitsi-2" {}

volume "vhost-d" {}

volume "vhost-d-2" {}

service "meet-jitsi" {
  image      = "jitsi/prosody:stable"
  networks   = [network.meet-jitsi-2]
  depends_on = [service.meet-jitsi-2]
  restart {
    condition = "none"
  }
}

service "meet-jitsi-2" {
  image    = "jitsi/web:stable"
  networks = [network.meet-jitsi, network.meet-jitsi-2]
  mount {
    volume = volume.vhost-d-2
    target = "/etc/nginx/vhost.d"
  }
  mount {
    volume = volume.vhost-d
    target = "/data"
  }
  restart {
    condition = "none"
  }
}
