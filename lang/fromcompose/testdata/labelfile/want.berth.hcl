# Imported by `berth import` from compose.yaml.
berth {
  project = "labelfile"
}

service "web" {
  image = "nginx:1.27"
  labels = {
    tier                            = "frontend"
    "traefik.enable"                = "true"                # from web.labels:2
    "traefik.http.routers.web.rule" = "Host(`example.com`)" # from web.labels:3
  }
  restart {
    condition = "none"
  }
}
