service "a" {
  capacity {
    startup = "slow"
  }
}
