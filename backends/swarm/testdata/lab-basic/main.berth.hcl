# A small project for the swarm lab tests: two emulated services on an
# attachable overlay, the caller published in host mode (the lab has no
# IPVS, so no ingress mesh and no VIPs: dnsrr).
# Health checks allow 10 s per probe: a probe is an exec of the emulator
# inside the container, which takes seconds on a loaded test machine.
berth {
  project = "swbasic"
  backend = "swarm"
}

network "front" {
  attachable = true
}

secret "token" {
  file = "token.txt"
}

service "api" {
  replicas      = 2
  networks      = [network.front]
  endpoint_mode = "dnsrr"
  secrets       = [secret.token]

  port {
    published = 18081
    target    = 8080
    mode      = "host"
  }

  health {
    http     = "/healthz"
    interval = "1s"
    timeout  = "10s"
    retries  = 3
  }

  placement {
    max_replicas_per_node = 1
  }

  endpoint "get" {
    call "db" {}
  }
}

service "db" {
  networks      = [network.front]
  endpoint_mode = "dnsrr"

  health {
    http     = "/healthz"
    interval = "1s"
    timeout  = "10s"
    retries  = 3
  }
}

link "api" "db" {
  timeout = "1s"
}
