network "edge" {}
network "backend" {}

service "gateway" {
  networks = [network.edge]
  endpoint "list" {
    call "orders" {}
    call "users" {}
    call "auth" {}
  }
}

service "orders" {
  networks = [network.backend]
}

service "users" {
  networks = [network.edge, network.backend]
}

service "auth" {}

link "gateway" "orders" {} # ERROR: No shared network
link "gateway" "users" {}
link "gateway" "auth" {} # ERROR: No shared network
