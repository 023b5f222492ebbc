service "api" {
  networks = [network.edge]
}
