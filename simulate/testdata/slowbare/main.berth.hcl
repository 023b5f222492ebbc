# A slow fault on a service without local work (no service_time, as a
# gateway that only calls others): the delay alone holds the one worker,
# so under the fault s is an M/G/1 whose service time is the delay. The
# load without the fault answers at once.

variable "delay" {
  type    = string
  default = "exp(1s)"
}

service "s" {
  capacity {
    workers = 1
    queue   = 1000000000
  }
}

load "l" {
  entry    = service.s
  rate     = 0.5
  duration = "400000s"
  warmup   = "20000s"
}

scenario "slow" {
  fault "slow" {
    service = "s"
    delay   = var.delay
    at      = "0s"
  }
}
