service "a" {
  placement {
    max_replicas_per_node = -2
  }
}
