# Imported by `berth import` from stack.yml.
berth {
  project = "stack"
  backend = "swarm"
}

network "backend" {
  attachable = true
}

secret "db_password" {
  file = "secrets/db_password.txt"
}

variable "tls_cert_secret" {
  type        = string
  sensitive   = true
  description = "The secret tls_cert, read from $TLS_CERT by Compose."
}

secret "tls_cert" {
  value = var.tls_cert_secret
}

config "api_conf" {
  content = "listen = 8080\n"
}

service "agent" {
  image    = "example/agent:2"
  networks = [network.backend]
}

service "api" {
  image    = "registry.example.com/shop/api:1.4.2"
  replicas = 3
  networks = [network.backend]
  env = {
    DB_PASSWORD_FILE = "/run/secrets/db_password"
    LOG_LEVEL        = "info"
  }
  labels = {
    team = "checkout"
  }
  secrets       = [secret.db_password, secret.tls_cert]
  configs       = [config.api_conf]
  endpoint_mode = "dnsrr"
  port {
    published = 8080
    target    = 8080
    mode      = "host"
  }
  resources {
    cpus   = 0.5
    memory = "256MiB"
  }
  restart {
    condition    = "on-failure"
    delay        = "10s"
    max_attempts = 3
    window       = "2m"
  }
  update {
    parallelism    = 2
    delay          = "10s"
    order          = "start-first"
    failure_action = "rollback"
    monitor        = "30s"
  }
  rollback {
    parallelism = 1
  }
  placement {
    constraints           = ["node.role == worker"]
    max_replicas_per_node = 1
    spread                = ["node.labels.zone"]
  }
}
