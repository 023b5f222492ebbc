# Imported by `berth import` from compose.yaml.
berth {
  project = "hostnames"
}

service "appwrite-worker-functions" {
  image = "appwrite/appwrite:1.6.0"
  env = {
    _APP_ALIAS_HOST    = "http://executor.internal/v1"
    _APP_EXECUTOR_HOST = "http://exc1/v1"
  }
  restart {
    condition = "none"
  }
}

service "openruntimes-executor" {
  image = "openruntimes/executor:0.25.4"
  restart {
    condition = "none"
  }
}

service "proxy" {
  image = "nginx:1.27"
  restart {
    condition = "none"
  }
}

service "site" {
  image = "example/site:1"
  env = {
    NGINX_CONF = "/etc/nginx/nginx.conf"
  }
  restart {
    condition = "none"
  }
}

service "wazuh-master" {
  image = "wazuh/wazuh-manager:5.0.1"
  env = {
    WAZUH_CLUSTER_NODES = "wazuh.master"
    WAZUH_INDEXER_HOSTS = "wazuh1.indexer:9200,wazuh2.indexer:9200"
    WAZUH_NODE_NAME     = "master"
  }
  restart {
    condition = "any"
  }
}

service "wazuh-worker" {
  image   = "wazuh/wazuh-manager:5.0.1"
  command = ["--join", "https://wazuh.master:1516"]
  env = {
    WAZUH_CLUSTER_NODES = "wazuh.master"
    WAZUH_INDEXER_HOSTS = "wazuh1.indexer:9200,wazuh2.indexer:9200"
    WAZUH_MASTER_ALIAS  = "my-wazuh.master.example"
  }
  restart {
    condition = "any"
  }
}

service "wazuh1-indexer" {
  image = "wazuh/wazuh-indexer:5.0.1"
  env = {
    "discovery.seed_hosts" = "wazuh1.indexer,wazuh2.indexer"
  }
  restart {
    condition = "any"
  }
}

service "wazuh2-indexer" {
  image = "wazuh/wazuh-indexer:5.0.1"
  health {
    cmd = ["CMD-SHELL", "curl -fks https://wazuh2.indexer:9200"]
  }
  restart {
    condition = "any"
  }
}
