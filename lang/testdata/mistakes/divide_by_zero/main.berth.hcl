locals {
  workers = 0
}
service "a" {
  replicas = 6 / local.workers
}
