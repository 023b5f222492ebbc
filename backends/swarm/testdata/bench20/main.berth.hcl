# The benchmark project: 20 emulated services × 2 replicas on one overlay
# network, no links (so nothing waits for anything) and no health checks
# (a task counts once it runs, as `docker stack services` counts it).
berth {
  project = "swbench"
  backend = "swarm"
}

network "net" {}

service "svc" {
  for_each      = toset([for i in range(20) : format("s%02d", i)])
  replicas      = 2
  networks      = [network.net]
  endpoint_mode = "dnsrr"
}
