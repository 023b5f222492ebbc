service "a" {
  health {
    http    = "/h"
    retries = 0
  }
}
