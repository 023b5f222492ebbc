service "a" {
  update {
    failure_action = "rollbak"
  }
}
