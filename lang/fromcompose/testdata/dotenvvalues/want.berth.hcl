# Imported by `berth import` from compose.yaml.
berth {
  project = "dotenvvalues"
}

service "web" {
  image = "nginx:1.27"
  env = {
    CERT      = "/certs/from-env"
    HOME_DIR  = "$HOME"
    LOG_LEVEL = "debug"
    WORKERS   = "4"
  }
  port {
    published = 8080
    target    = 80
  }
  restart {
    condition = "none"
  }
}
