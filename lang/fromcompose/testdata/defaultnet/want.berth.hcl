# Imported by `berth import` from compose.yaml.
berth {
  project = "defaultnet"
}

network "default" {}

service "main" {
  image = "penpotapp/devenv:latest"
  port {
    published = 3447
    target    = 3447
  }
  restart {
    condition = "none"
  }
}
