# Imported by `berth import` from compose.yaml.
berth {
  project = "empty"
}

network "front" {}
