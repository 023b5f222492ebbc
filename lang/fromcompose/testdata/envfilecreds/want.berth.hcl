# Imported by `berth import` from compose.yaml.
berth {
  project = "envfilecreds"
}

service "app" {
  image = "app:1"
  env = {
    API_TOKEN         = var.api_token
    POSTGRES_PASSWORD = var.postgres_password # from db.env:2
    POSTGRES_USER     = "app"                 # from db.env:1
  }
  restart {
    condition = "none"
  }
}

variable "api_token" {
  type        = string
  sensitive   = true
  description = "$API_TOKEN of the Compose file, which API_TOKEN of app reads."
}

variable "postgres_password" {
  type        = string
  sensitive   = true
  description = "The POSTGRES_PASSWORD of app, POSTGRES_PASSWORD of db, which the Compose file reads from an env_file."
}

service "db" {
  image = "postgres:16"
  env = {
    POSTGRES_PASSWORD = var.postgres_password # from db.env:2
    POSTGRES_USER     = "app"                 # from db.env:1
  }
  restart {
    condition = "none"
  }
}

service "other" {
  image = "app:1"
  env = {
    LOG_LEVEL         = "debug"                     # from other.env:2
    POSTGRES_PASSWORD = var.other_postgres_password # from other.env:1
  }
  restart {
    condition = "none"
  }
}

variable "other_postgres_password" {
  type        = string
  sensitive   = true
  description = "The POSTGRES_PASSWORD of other, which the Compose file reads from an env_file."
}
