service "a" {
  health {
    http     = "/h"
    interval = "5"
  }
}
