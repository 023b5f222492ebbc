# Imported by `berth import` from compose.yaml.
berth {
  project = "envcreds"
}

service "db" {
  image = "postgres:16"
  env = {
    APP_TOKEN         = "literal-in-the-file"
    PGPASSWORD_FILE   = "/run/secrets/pg"
    POSTGRES_PASSWORD = var.db_postgres_password
    POSTGRES_USER     = "app"
    SHELL_AUTH        = "$HOME"
  }
  restart {
    condition = "none"
  }
}

variable "db_postgres_password" {
  type        = string
  sensitive   = true
  description = "The POSTGRES_PASSWORD of service db, from a variable of the Compose file."
}

service "graylog" {
  image = "graylog/graylog:6.1"
  env = {
    GRAYLOG_HTTP_EXTERNAL_URI  = "http://127.0.0.1:9000/"
    GRAYLOG_MONGODB_URI        = "mongodb://mongo:27017/graylog"
    GRAYLOG_PASSWORD_SECRET    = var.graylog_graylog_password_secret
    GRAYLOG_ROOT_PASSWORD_SHA2 = var.graylog_graylog_root_password_sha2
  }
  restart {
    condition = "none"
  }
}

variable "graylog_graylog_password_secret" {
  type        = string
  sensitive   = true
  description = "The GRAYLOG_PASSWORD_SECRET of service graylog, from a variable of the Compose file."
}

variable "graylog_graylog_root_password_sha2" {
  type        = string
  sensitive   = true
  description = "The GRAYLOG_ROOT_PASSWORD_SHA2 of service graylog, from a variable of the Compose file."
}
