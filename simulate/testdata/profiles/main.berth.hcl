# Rate profiles: the arrivals of every second of the run are the integral
# of the profile over that second (exactly, to one request, with constant
# arrivals; within Poisson noise otherwise). "steps" starts at a rate so
# low that one constant gap (20 s) would jump over the first step.

variable "arrival" {
  type    = string
  default = "poisson"
}

service "s" {
  capacity {
    workers = 1000000
    queue   = 0
  }
}

load "steps" {
  entry    = service.s
  arrival  = var.arrival
  rate     = 0.05
  duration = "40s"

  step {
    at   = "10s"
    rate = 200
  }

  step {
    at   = "30s"
    rate = "1200/min"
  }
}

load "ramp" {
  entry    = service.s
  arrival  = var.arrival
  duration = "40s"

  ramp {
    from = 300
    to   = 0
    over = "30s"
  }
}
