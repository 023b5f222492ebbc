network "backend" {}
secret "jwt" { value = "x" }
config "nginx" { content = "x" }
volume "data" {}

service "gateway" {
  networks   = ["bakend"] # ERROR: Unknown network
  secrets    = ["jwtt"] # ERROR: Unknown secret
  configs    = ["ngnix"] # ERROR: Unknown config
  depends_on = ["order"] # ERROR: Unknown service
  mount {
    volume = "dta" # ERROR: Unknown volume
    target = "/data"
  }
  endpoint "list" {
    call "order" {} # ERROR: Call to unknown service
  }
}

service "orders" {
  networks = ["backend"]
}

link "gateway" "ordrs" {} # ERROR: Unknown service
link "gatway" "orders" {} # ERROR: Unknown service

load "peak" {
  entry = "gatewy" # ERROR: Unknown service
  rate  = 100
}
