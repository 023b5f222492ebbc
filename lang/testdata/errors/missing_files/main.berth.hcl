secret "jwt" {
  file = "secrets/jwt.pem" # ERROR: Missing secret file
}

config "nginx" {
  file = "nginx.conf" # ERROR: Missing config file
}

secret "both" {
  file  = "main.berth.hcl"
  value = "x" # ERROR: Conflicting arguments
}

config "none" {} # ERROR: Missing required argument
