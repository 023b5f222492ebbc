# Imported by `berth import` from docker-compose.yaml.
berth {
  project = "airflow"
}

volume "postgres-db-volume" {}

service "airflow-init" {
  image      = "apache/airflow:2.7.1"
  command    = ["-c", "function ver() {\n  printf \"%04d%04d%04d%04d\" $${1//./ }\n}\nif [[ -z \"\" ]]; then\n  echo \"unset\"\nfi\nexec /entrypoint airflow version\n"]
  depends_on = [service.postgres, service.redis]
  env = {
    AIRFLOW__CORE__EXECUTOR      = "CeleryExecutor"
    AIRFLOW__CORE__FERNET_KEY    = ""
    AIRFLOW__CORE__LOAD_EXAMPLES = "true"
    _AIRFLOW_DB_UPGRADE          = "true"
    _PIP_ADDITIONAL_REQUIREMENTS = ""
  }
  mount {
    source = "."
    target = "/sources"
  }
  restart {
    condition = "none"
  }
}

service "airflow-scheduler" {
  image      = "apache/airflow:2.7.1"
  command    = ["scheduler"]
  depends_on = [service.airflow-init, service.postgres, service.redis]
  env = {
    AIRFLOW__CORE__EXECUTOR      = "CeleryExecutor"
    AIRFLOW__CORE__FERNET_KEY    = ""
    AIRFLOW__CORE__LOAD_EXAMPLES = "true"
    _PIP_ADDITIONAL_REQUIREMENTS = ""
  }
  mount {
    source = "./dags"
    target = "/opt/airflow/dags"
  }
  mount {
    source = "./logs"
    target = "/opt/airflow/logs"
  }
  health {
    cmd      = ["CMD-SHELL", "airflow jobs check --job-type SchedulerJob --hostname \"$${HOSTNAME}\""]
    interval = "10s"
    timeout  = "10s"
    retries  = 5
  }
  restart {
    condition = "any"
  }
}

service "postgres" {
  image = "postgres:13"
  env = {
    POSTGRES_USER = "airflow"
  }
  mount {
    volume = volume.postgres-db-volume
    target = "/var/lib/postgresql/data"
  }
  health {
    cmd      = ["CMD", "pg_isready", "-U", "airflow"]
    interval = "5s"
    retries  = 5
  }
  restart {
    condition = "any"
  }
}

service "redis" {
  image = "redis:latest"
  health {
    cmd      = ["CMD", "redis-cli", "ping"]
    interval = "5s"
    timeout  = "30s"
    retries  = 50
  }
  restart {
    condition = "any"
  }
}
