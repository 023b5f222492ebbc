network "n" {}
service "a" {
  networks = [network.n, "n"]
}
