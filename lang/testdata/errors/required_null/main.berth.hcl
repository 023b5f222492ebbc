# A required argument written as null is missing, as in Terraform: it
# would otherwise read as unset and then as zero.
variable "nothing" {
  default = null
}

service "gw" {
  port {
    published = 8080
    target    = null # ERROR: Missing required argument
  }
}

load "ramp" {
  entry = service.gw
  ramp {
    from = null # ERROR: Missing required argument
    to   = 100
    over = "10s"
  }
}

load "indirect" {
  entry = var.nothing # ERROR: Missing required argument
  rate  = 10
}

scenario "s" {
  load = load.ramp
  fault "kill" {
    service = "gw"
    at      = null # ERROR: Missing required argument
  }
}
