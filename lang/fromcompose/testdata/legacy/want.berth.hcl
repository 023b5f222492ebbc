# Imported by `berth import` from docker-compose.yml.
berth {
  project = "legacy"
}

network "back" {}

network "front" {}

volume "data" {}

service "db" {
  image    = "mysql:5.7"
  networks = [network.back]
  env = {
    EMPTY               = ""
    MYSQL_ROOT_PASSWORD = "secret"
  }
  mount {
    volume = volume.data
    target = "/var/lib/mysql"
  }
  restart {
    condition = "none"
  }
}

service "web" {
  image      = "nginx:1.25"
  networks   = [network.back, network.front]
  depends_on = [service.db]
  port {
    published = 80
    target    = 80
  }
  port {
    published = 5000
    target    = 5000
    host_ip   = "127.0.0.1"
  }
  port {
    published = 5001
    target    = 5001
    host_ip   = "127.0.0.1"
  }
  resources {
    memory = "512MiB"
  }
  restart {
    condition = "none"
  }
}
