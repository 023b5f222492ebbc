service "a" {
  replicas = 2
}
service "b" {
  replicas = service.a.replicas
}
