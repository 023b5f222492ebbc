# Imported by `berth import` from base.yaml, override.yaml.
berth {
  project = "misc"
}

network "default" {}

network "edge" {}

volume "web-frontend-anon" {}

service "base" {
  image   = "busybox"
  command = ["sleep", "infinity"]
  env = {
    A = "1"
  }
  restart {
    condition = "none"
  }
}

service "cache" {
  image = "redis:7.2"
  env = {
    EXTRA = "from the override"
  }
  resources {
    cpus   = 1.5
    memory = "1GiB"
  }
  restart {
    condition = "none"
  }
}

service "child" {
  image   = "busybox"
  command = ["sleep", "infinity"]
  env = {
    A = "1"
    B = "2"
  }
  restart {
    condition = "none"
  }
}

service "web-frontend" {
  image    = "nginx:1.25"
  networks = [network.default, network.edge]
  port {
    published = 8000
    target    = 80
  }
  mount {
    volume = volume.web-frontend-anon
    target = "/var/lib/anon"
  }
  restart {
    condition = "any"
  }
}
