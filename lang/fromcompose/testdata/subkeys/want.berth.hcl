# Imported by `berth import` from compose.yaml.
berth {
  project = "subkeys"
}

network "backend" {}

volume "data" {}

service "api" {
  image    = "ghcr.io/example/api:1.4"
  command  = ["/app/api", "--listen", ":8080"]
  networks = [network.backend]
  port {
    published = 8080
    target    = 8080
  }
  resources {
    cpus   = 0.5
    memory = "256MiB"
  }
  restart {
    condition = "none"
  }
}

service "migrate" {
  image   = "ghcr.io/example/api:1.4"
  command = ["/app/migrate"]
  mount {
    volume = volume.data
    target = "/data"
  }
  restart {
    condition = "none"
  }
}
