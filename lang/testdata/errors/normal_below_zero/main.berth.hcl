# A normal distribution that is often negative is redrawn at 0, so its
# mean is not the one written: a warning. A narrow one is fine.
service "narrow" {
  capacity {
    service_time = "normal(10ms, 2ms)"
  }
}

service "wide" {
  capacity {
    service_time = "normal(10ms, 50ms)" # WARNING: Normal distribution below zero
  }
}

service "under-one-percent" {
  capacity {
    service_time = "normal(10ms, 4ms)"
  }
}

service "over-one-percent" {
  capacity {
    service_time = "normal(10ms, 5ms)" # WARNING: Normal distribution below zero
  }
}
