# A name listed twice in networks, secrets, configs or depends_on is an
# error at the repeat (secrets failed at compile as "Two mounts at one
# path" on the service; the others were kept twice or merged silently).

network "front" {}

secret "jwt" {
  value = "x"
}

config "nginx" {
  content = "y"
}

service "api" {
  networks = [
    network.front,
    "front", # ERROR: Duplicate name
  ]
  secrets    = [secret.jwt, secret.jwt] # ERROR: Duplicate name
  configs    = [config.nginx, "nginx"] # ERROR: Duplicate name
  depends_on = [
    service.db,
    "db", # ERROR: Duplicate name
    "db", # ERROR: Duplicate name
  ]
}

service "db" {}
