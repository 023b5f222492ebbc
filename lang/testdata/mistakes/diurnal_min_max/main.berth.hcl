service "a" {}
load "l" {
  entry = service.a
  diurnal {
    min    = 800
    max    = 100
    period = "1h"
  }
}
