# Imported by `berth import` from compose.yaml.
berth {
  project = "wordpress"
}

volume "db_data" {}

volume "wp_data" {}

service "db" {
  image   = "mysql:8.0"
  command = ["--default-authentication-plugin=mysql_native_password"]
  env = {
    MYSQL_DATABASE      = "wordpress"
    MYSQL_PASSWORD      = "wordpress"
    MYSQL_ROOT_PASSWORD = "somewordpress"
    MYSQL_USER          = "wordpress"
  }
  mount {
    volume = volume.db_data
    target = "/var/lib/mysql"
  }
  restart {
    condition = "any"
  }
}

service "wordpress" {
  image      = "wordpress:latest"
  depends_on = [service.db]
  env = {
    WORDPRESS_DB_HOST     = "db"
    WORDPRESS_DB_NAME     = "wordpress"
    WORDPRESS_DB_PASSWORD = "wordpress"
    WORDPRESS_DB_USER     = "wordpress"
  }
  port {
    published = 80
    target    = 80
  }
  mount {
    volume = volume.wp_data
    target = "/var/www/html"
  }
  restart {
    condition = "any"
  }
}
