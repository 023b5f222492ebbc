service "tiny" {
  resources {
    cpus   = 0.001  # ERROR: Value out of range
    memory = "1MiB" # ERROR: Value out of range
  }
}

service "smallest" {
  resources {
    cpus   = 0.01
    memory = "6MiB"
  }
}

service "unlimited" {
  resources {
    cpus   = 0
    memory = 0
  }
}
