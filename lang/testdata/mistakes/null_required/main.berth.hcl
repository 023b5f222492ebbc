service "a" {
  mount {
    source = "./d"
    target = null
  }
}
