service "a" {
  health {
    http = "/h"
    cmd  = ["CMD", "true"]
  }
}
