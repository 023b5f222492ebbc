# A one-shot job on the swarm lab: two tasks that run to completion and
# exit 0, which restart "none" leaves stopped. The image is built on the
# manager only (swarmtest.BuildImage), so the tasks run there.
berth {
  project = "swoneshot"
  backend = "swarm"
}

service "migrate" {
  image    = "berth-oneshot:1"
  replicas = 2

  restart {
    condition = "none"
  }

  placement {
    constraints = ["node.role == manager"]
  }
}
