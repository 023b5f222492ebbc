# Imported by `berth import` from compose.yaml.
berth {
  project = "credvars"
}

service "appwrite" {
  image = "appwrite/appwrite:1.6.0"
  env = {
    _APP_DB_PASS = var._app_db_pass
    _APP_DB_USER = "user"
  }
  restart {
    condition = "none"
  }
}

variable "_app_db_pass" {
  type        = string
  sensitive   = true
  description = "$_APP_DB_PASS of the Compose file, which _APP_DB_PASS of appwrite, MYSQL_PASSWORD of mariadb read."
}

service "langfuse-web" {
  image = "langfuse/langfuse:3"
  env = {
    DATABASE_URL = "postgresql://postgres:${var.postgres_password}@plane-db:5432/postgres"
  }
  restart {
    condition = "none"
  }
}

variable "postgres_password" {
  type        = string
  sensitive   = true
  default     = "plane"
  description = "$POSTGRES_PASSWORD of the Compose file, which DATABASE_URL of langfuse-web, POSTGRES_PASSWORD of plane-db read."
}

service "mariadb" {
  image = "mariadb:10.11"
  env = {
    MYSQL_PASSWORD = var._app_db_pass
    MYSQL_USER     = "user"
  }
  restart {
    condition = "none"
  }
}

service "n8n" {
  image = "docker.n8n.io/n8nio/n8n:1.100.0"
  env = {
    DB_POSTGRESDB_PASSWORD = var.postgres_non_root_password
    N8N_ENCRYPTION_KEY     = var.encryption_key
    N8N_RUNNERS_AUTH_TOKEN = var.runners_auth_token
  }
  restart {
    condition = "none"
  }
}

variable "postgres_non_root_password" {
  type        = string
  sensitive   = true
  description = "$POSTGRES_NON_ROOT_PASSWORD of the Compose file, which DB_POSTGRESDB_PASSWORD of n8n, DB_POSTGRESDB_PASSWORD of n8n-worker read."
}

variable "encryption_key" {
  type        = string
  sensitive   = true
  description = "$ENCRYPTION_KEY of the Compose file, which N8N_ENCRYPTION_KEY of n8n, N8N_ENCRYPTION_KEY of n8n-worker read."
}

variable "runners_auth_token" {
  type        = string
  sensitive   = true
  description = "$RUNNERS_AUTH_TOKEN of the Compose file, which N8N_RUNNERS_AUTH_TOKEN of n8n, N8N_RUNNERS_AUTH_TOKEN of n8n-runner, N8N_RUNNERS_AUTH_TOKEN of n8n-worker read."
}

service "n8n-runner" {
  image = "n8nio/runners:1.100.0"
  env = {
    N8N_RUNNERS_AUTH_TOKEN      = var.runners_auth_token
    N8N_RUNNERS_TASK_BROKER_URI = "http://n8n:5679"
  }
  restart {
    condition = "none"
  }
}

service "n8n-worker" {
  image   = "docker.n8n.io/n8nio/n8n:1.100.0"
  command = ["worker"]
  env = {
    DB_POSTGRESDB_PASSWORD = var.postgres_non_root_password
    N8N_ENCRYPTION_KEY     = var.encryption_key
    N8N_RUNNERS_AUTH_TOKEN = var.runners_auth_token
  }
  restart {
    condition = "none"
  }
}

service "plane-db" {
  image = "postgres:15.7-alpine"
  env = {
    API_KEY_RATE_LIMIT = "60/minute"
    POSTGRES_PASSWORD  = var.postgres_password
  }
  restart {
    condition = "none"
  }
}
