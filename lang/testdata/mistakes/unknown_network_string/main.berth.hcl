network "edge" {}
service "api" {
  networks = ["egde"]
}
