# Imported by `berth import` from compose.yaml.
berth {
  project = "odd"
}

service "once" {
  image   = "busybox:1.36"
  command = ["true"]
  restart {
    condition = "none"
  }
}

service "sidecar" {
  image = "busybox:1.36"
  restart {
    condition = "none"
  }
}

service "web" {
  image = "nginx:1.25"
  port {
    target = 80
  }
  restart {
    condition = "any"
  }
}
