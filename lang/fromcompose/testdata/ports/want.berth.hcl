# Imported by `berth import` from compose.yaml.
berth {
  project = "ports"
}

service "opensearch" {
  image = "opensearchproject/opensearch:2.5.0"
  port {
    target = 9200
  }
  port {
    target = 9201
  }
  port {
    target = 9202
  }
  port {
    published = 9600
    target    = 9600
  }
  restart {
    condition = "none"
  }
}

service "web" {
  image    = "nginx:1.27"
  replicas = 3
  port {
    published = 8443
    target    = 443
    host_ip   = "127.0.0.1"
  }
  port {
    published = 8080
    target    = 80
  }
  restart {
    condition = "none"
  }
}
