berth {
  backend  = "swarm"
  registry = "https://registry.example.com" # ERROR: Invalid registry
}

service "api" {}
