# Imported by `berth import` from docker-compose.yaml.
berth {
  project = "loki"
}

service "log-generator" {
  image   = "mingrammer/flog:0.4.3"
  command = ["-f", "json", "-d", "200ms", "-l"]
  restart {
    condition = "none"
  }
}

service "loki" {
  image   = "grafana/loki:3.4.2"
  command = ["-config.file=/etc/loki/loki.yaml", "-target=all"]
  port {
    target = 3100
  }
  port {
    target = 7946
  }
  restart {
    condition = "any"
  }
}

service "loki-compactor" {
  image   = "grafana/loki:3.4.2"
  command = ["-config.file=/etc/loki/loki.yaml", "-target=compactor"]
  port {
    target = 3100
  }
  port {
    target = 7946
  }
  restart {
    condition = "any"
  }
}

service "minio" {
  image = "minio/minio:RELEASE.2025-01-20T14-49-07Z"
  env = {
    MINIO_PROMETHEUS_AUTH_TYPE = "public"
    MINIO_ROOT_USER            = "loki"
  }
  port {
    published = 9000
    target    = 9000
  }
  port {
    published = 9001
    target    = 9001
  }
  restart {
    condition = "none"
  }
}
