berth {
  nodes = 0
}
