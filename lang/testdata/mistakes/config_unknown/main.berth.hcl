service "a" {
  configs = [config.nginx]
}
