berth {
  backend = "swarn"
}
