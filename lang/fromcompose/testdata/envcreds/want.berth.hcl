# Imported by `berth import` from compose.yaml.
berth {
  project = "envcreds"
}

service "db" {
  image = "postgres:16"
  env = {
    APP_TOKEN         = "literal-in-the-file"
    PGPASSWORD_FILE   = "/run/secrets/pg"
    POSTGRES_PASSWORD = var.db_password
    POSTGRES_USER     = "app"
    SHELL_AUTH        = "$HOME"
  }
  restart {
    condition = "none"
  }
}

variable "db_password" {
  type        = string
  sensitive   = true
  description = "$DB_PASSWORD of the Compose file, which POSTGRES_PASSWORD of db reads."
}

service "graylog" {
  image = "graylog/graylog:6.1"
  env = {
    GRAYLOG_HTTP_EXTERNAL_URI  = "http://127.0.0.1:9000/"
    GRAYLOG_MONGODB_URI        = "mongodb://mongo:27017/graylog"
    GRAYLOG_PASSWORD_SECRET    = var.graylog_password_secret
    GRAYLOG_ROOT_PASSWORD_SHA2 = var.graylog_root_password_sha2
  }
  restart {
    condition = "none"
  }
}

variable "graylog_password_secret" {
  type        = string
  sensitive   = true
  description = "$GRAYLOG_PASSWORD_SECRET of the Compose file, which GRAYLOG_PASSWORD_SECRET of graylog reads."
}

variable "graylog_root_password_sha2" {
  type        = string
  sensitive   = true
  description = "$GRAYLOG_ROOT_PASSWORD_SHA2 of the Compose file, which GRAYLOG_ROOT_PASSWORD_SHA2 of graylog reads."
}
