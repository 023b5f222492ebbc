service "gateway" {
  endpoint "a" {
    call "orders" {}
    call "users" {}
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

link "gateway" "orders" {
  timeout = "20ms" # WARNING: Timeout shorter than the callee's service time
}

link "gateway" "users" {
  timeout = "20ms"
}
