# Imported by `berth import` from compose.yaml.
berth {
  project = "envfilecopy"
}

service "cron" {
  image = "example/app:2.1"
  env = {
    APP_ENV   = "production"           # from env/common.env:3
    CACHE_URL = "redis://cache:6379/0" # from env/common.env:5
    GREETING  = "multi\nline"          # from env/common.env:7
    LOG_LEVEL = "info"                 # from env/common.env:2
    WORKERS   = "2"                    # from env/common.env:6
  }
  restart {
    condition = "none"
  }
}

service "web" {
  image = "example/app:2.1"
  env = {
    APP_ENV   = "production"           # from env/common.env:3
    CACHE_URL = "redis://cache:6379/0" # from env/common.env:5
    GREETING  = "multi\nline"          # from env/common.env:7
    LISTEN    = "0.0.0.0:8000"         # from env/web.env:2
    LOG_LEVEL = "warn"
    WORKERS   = "8" # from env/web.env:1
  }
  restart {
    condition = "none"
  }
}

service "worker" {
  image   = "example/app:2.1"
  command = ["worker", "--queues", "default"]
  env = {
    APP_ENV   = "production"           # from env/common.env:3
    CACHE_URL = "redis://cache:6379/0" # from env/common.env:5
    GREETING  = "multi\nline"          # from env/common.env:7
    LISTEN    = "0.0.0.0:8000"         # from env/web.env:2
    LOG_LEVEL = "info"                 # from env/common.env:2
    WORKERS   = "8"                    # from env/web.env:1
  }
  restart {
    condition = "none"
  }
}
