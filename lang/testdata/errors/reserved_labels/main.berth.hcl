network "edge" {
  labels = { "com.docker.compose.project" = "other" } # ERROR: Reserved label
}

volume "data" {
  labels = { "io.berth.project" = "other" } # ERROR: Reserved label
}

service "api" {
  image  = "api:1"
  labels = { team = "edge", "com.docker.stack.namespace" = "x" } # ERROR: Reserved label
}

service "ok" {
  image  = "ok:1"
  labels = { "io.berthx" = "fine", "com.docker.composer" = "fine" }
}
