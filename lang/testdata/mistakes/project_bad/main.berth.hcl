berth {
  project = "My Shop"
}
