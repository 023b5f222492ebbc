# The node-loss drill of the swarm lab: a worker dies, swarm notices after
# heartbeat × grace and starts its tasks on the nodes left. The same
# scenario runs in the simulator, and the two recovery times are compared.
# Health checks allow 10 s per probe: a probe is an exec of the emulator
# inside the container, which takes seconds on a loaded test machine.
berth {
  project = "swnodeloss"
  backend = "swarm"
  nodes   = 3
}

network "front" {}

service "api" {
  replicas      = 2
  networks      = [network.front]
  endpoint_mode = "dnsrr"

  port {
    published = 18082
    target    = 8080
    mode      = "host"
  }

  health {
    http     = "/healthz"
    interval = "1s"
    timeout  = "10s"
    retries  = 3
  }

  # One per node: swarm puts them beside db's manager, on the workers,
  # and a lost worker's replica moves to the manager.
  placement {
    max_replicas_per_node = 1
  }

  capacity {
    workers      = 8
    service_time = "exp(2ms)"
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

  placement {
    constraints = ["node.role == manager"]
  }

  capacity {
    workers      = 8
    service_time = "exp(1ms)"
  }
}

link "api" "db" {
  timeout = "1s"
}

load "steady" {
  entry    = service.api
  rate     = 20
  duration = "60s"
}

scenario "worker-loss" {
  load    = load.steady
  backend = "swarm"

  fault "node_down" {
    node = 2
    at   = "10s"
  }
}
