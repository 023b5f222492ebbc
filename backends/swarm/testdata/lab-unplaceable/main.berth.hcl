# A service no node of the lab can run: its constraint names a node label
# that no node carries, so its task stays pending ("no suitable node").
berth {
  project = "swunplaced"
  backend = "swarm"
}

service "api" {
  placement {
    constraints = ["node.labels.berth-nowhere == yes"]
  }
}
