service "a" {
  port {
    published = 8080
    target    = 80
  }
  port {
    published = 9090
    target    = 90
    host_ip   = "127.0.0.1"
  }
}

service "b" {
  port { # ERROR: Host port already published
    published = 8080
    target    = 8080
    host_ip   = "127.0.0.1"
  }
  port {
    published = 8080
    target    = 8080
    protocol  = "udp"
  }
  port {
    published = 9090
    target    = 90
    host_ip   = "127.0.0.2"
  }
}
