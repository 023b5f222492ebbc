# Imported by `berth import` from pwd-stack.yml.
berth {
  project = "constraints"
  backend = "swarm"
}

service "prometheus" {
  image = "prom/prometheus:v2.36.2"
  port {
    published = 9090
    target    = 9090
  }
  placement {
    constraints = ["node.hostname == ", "node.role == manager"]
  }
}
