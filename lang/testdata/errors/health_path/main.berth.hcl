# health http is a path on the service's own port.
service "ok" {
  health {
    http = "/healthz"
  }
}

service "no-slash" {
  health {
    http = "healthz" # ERROR: Invalid health path
  }
}

service "url" {
  health {
    http = "http://localhost:8080/healthz" # ERROR: Invalid health path
  }
}

service "none" {
  image = "nginx:1.25"
  health {
    cmd = ["NONE"] # ERROR: Health check that checks nothing
  }
}
