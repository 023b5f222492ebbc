service "api" {
  replicas = "three" # ERROR: Incorrect attribute value type
  networks = "edge" # ERROR: Incorrect attribute value type
  env      = { A = [1] } # ERROR: Incorrect attribute value type
  capacity {
    workers = 1.5 # ERROR: Incorrect attribute value type
  }
}

link "api" "api" {} # ERROR: Link to itself

service "huge" {
  replicas = 1e12 # ERROR: Number out of range
}
