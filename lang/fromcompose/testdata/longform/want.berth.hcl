# Imported by `berth import` from compose.yaml.
berth {
  project = "longform"
}

volume "certs" {}

volume "db" {}

secret "db_password" {
  file = "conf/db_password.txt"
}

config "site" {
  file = "conf/site.conf"
}

service "db" {
  image = "mariadb:11.4"
  env = {
    MARIADB_ROOT_PASSWORD_FILE = "/run/secrets/db_password"
  }
  secrets = [secret.db_password]
  mount {
    volume = volume.db
    target = "/var/lib/mysql"
  }
  mount {
    source    = "./conf/site.conf"
    target    = "/etc/mysql/conf.d/site.cnf"
    read_only = true
  }
  restart {
    condition = "none"
  }
}

service "proxy" {
  image   = "traefik:v3.1"
  secrets = [secret.db_password]
  configs = [config.site]
  port {
    published = 8080
    target    = 80
    host_ip   = "127.0.0.1"
  }
  port {
    published = 8443
    target    = 443
    mode      = "host"
  }
  port {
    published = 8125
    target    = 8125
    protocol  = "udp"
  }
  mount {
    source    = "./conf"
    target    = "/etc/traefik/dynamic"
    read_only = true
  }
  mount {
    volume = volume.certs
    target = "/certs"
  }
  restart {
    condition = "none"
  }
}
