network "x" {}
network "y" {}
service "a" {
  networks = [network.x]
  endpoint "e" {
    call "b" {}
  }
}
service "b" {
  networks = [network.y]
}
link "a" "b" {}
