# Imported by `berth import` from compose.yaml.
berth {
  project = "hostpaths"
}

service "proxy" {
  image = "nginxproxy/nginx-proxy:alpine"
  port {
    published = 80
    target    = 80
  }
  mount {
    source    = "/var/run/docker.sock"
    target    = "/tmp/docker.sock"
    read_only = true
  }
  mount {
    source    = "/etc/localtime"
    target    = "/etc/localtime"
    read_only = true
  }
  mount {
    source    = "./web/nginx.conf"
    target    = "/etc/nginx/nginx.conf"
    read_only = true
  }
  restart {
    condition = "none"
  }
}
