berth {
  name = "shop"
}
