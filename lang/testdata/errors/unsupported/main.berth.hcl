service "api" {
  replica = 3 # ERROR: Unsupported argument
  capacity {
    threads = 4 # ERROR: Unsupported argument
  }
}

servce "db" {} # ERROR: Unsupported block type
