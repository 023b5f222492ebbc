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

# IPv4 and IPv6 wildcards side by side, as Compose files publish on both
# families ("0.0.0.0:443:443" and "[::]:443:443").
service "c" {
  port {
    published = 443
    target    = 443
    host_ip   = "0.0.0.0"
  }
  port {
    published = 443
    target    = 443
    host_ip   = "::"
  }
  port { # ERROR: Host port already published
    published = 443
    target    = 8443
    host_ip   = "::1"
  }
}
