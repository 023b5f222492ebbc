# Imported by `berth import` from compose.yaml.
berth {
  project = "reserved"
}

network "front" {}

volume "data" {
  labels = {
    keep = "yes"
  }
}

service "web" {
  image    = "nginx:1.25"
  networks = [network.front]
  labels = {
    team = "edge"
  }
  mount {
    volume = volume.data
    target = "/data"
  }
  restart {
    condition = "none"
  }
}
