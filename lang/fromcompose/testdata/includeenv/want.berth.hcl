# Imported by `berth import` from compose.yaml.
berth {
  project = "includeenv"
}

service "app" {
  image      = "nginx:1.27"
  depends_on = [service.db]
  restart {
    condition = "none"
  }
}

service "db" {
  image = "postgres:16"
  env = {
    POSTGRES_PASSWORD = var.db_postgres_password
  }
  restart {
    condition = "none"
  }
}

variable "db_postgres_password" {
  type        = string
  sensitive   = true
  description = "The POSTGRES_PASSWORD of db, which the Compose file takes from its variables."
}
