service "gateway" {
  endpoint "a" {
    call "orders" {}
    call "users" {}
    call "search" {
      endpoint = "query"
    }
    call "catalog" {}
    call "history" {}
    call "pricing" {}
  }
}

service "orders" {
  capacity {
    service_time = "lognormal(40ms, 200ms)"
  }
}

service "users" {
  capacity {
    service_time = "exp(10ms)"
  }
}

# The endpoint called has its own service time: it is the one checked.
service "search" {
  capacity {
    service_time = "const(1ms)"
  }
  endpoint "ping" {}
  endpoint "query" {
    service_time = "const(80ms)"
  }
}

# Uniform over the samples: the median is 30ms, not the 192ms mean.
service "catalog" {
  capacity {
    service_time = "empirical(10ms, 20ms, 30ms, 400ms, 500ms)"
  }
}

service "history" {
  capacity {
    service_time = "empirical(10ms, 20ms, 30ms, 400ms, 500ms)"
  }
}

# gamma(100ms, 2): the median is about 17.5ms, far below its 100ms mean.
service "pricing" {
  capacity {
    service_time = "gamma(100ms, 2)"
  }
}

link "gateway" "orders" {
  timeout = "20ms" # WARNING: Timeout shorter than the callee's service time
}

link "gateway" "users" {
  timeout = "20ms"
}

link "gateway" "search" {
  timeout = "50ms" # WARNING: Timeout shorter than the callee's service time
}

link "gateway" "catalog" {
  timeout = "100ms"
}

link "gateway" "history" {
  timeout = "25ms" # WARNING: Timeout shorter than the callee's service time
}

link "gateway" "pricing" {
  timeout = "50ms"
}
