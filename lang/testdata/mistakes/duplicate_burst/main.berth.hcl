service "a" {}
load "l" {
  entry   = service.a
  rate    = 1
  arrival = "bursty"
  burst {
    on  = "1s"
    off = "4s"
  }
  burst {
    on  = "2s"
    off = "4s"
  }
}
