# Imported by `berth import` from docker-stack.yml.
berth {
  project = "rollback"
  backend = "swarm"
}

service "traefik" {
  image = "traefik:v2.0"
  port {
    published = 80
    target    = 80
  }
  restart {
    condition = "on-failure"
  }
  update {
    parallelism = 1
    delay       = "10s"
  }
  rollback {}
  placement {
    constraints = ["node.role == manager"]
  }
}
