# Backoff with jitter, after the AWS architecture blog's experiment: 100
# clients contend for one resource at once (db takes one request at a
# time and rejects the others: workers = 1, queue = 0), and each retries
# its rejected write with exponential backoff (base 5 ms, cap 2 s). Without
# jitter the retries stay in lockstep, so each round lets one client
# through and the rest take minutes; jitter spreads them out.

variable "jitter" {
  type    = string
  default = "full"
}

service "client" {
  capacity {
    workers = 1000
    queue   = 0
  }

  endpoint "write" {
    call "db" {}
  }
}

service "db" {
  capacity {
    workers      = 1
    queue        = 0
    service_time = "const(1ms)"
  }
}

link "client" "db" {
  timeout = "60s"

  retry {
    attempts = 1000
    backoff  = "exponential"
    base     = "5ms"
    cap      = "2s"
    jitter   = var.jitter
    on       = ["rejected"]
  }
}

load "contend" {
  entry    = service.client
  rate     = 100000 # 100 writes in the first millisecond
  arrival  = "constant"
  duration = "1ms"
}
