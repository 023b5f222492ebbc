service {
  replicas = 1
}
