# Imported by `berth import` from compose.yaml.
berth {
  project = "optional"
}

service "mq" {
  image = "rabbitmq:3-management"
  restart {
    condition = "none"
  }
}

service "nit_protocol_manager" {
  image      = "valawai/c1_nit_protocol_manager:latest"
  depends_on = [service.mq]
  port {
    published = 8080
    target    = 8080
  }
  restart {
    condition = "none"
  }
}
