# Imported by `berth import` from compose.yaml.
berth {
  project = "images"
}

service "minio1" {
  image   = "minio/minio:"
  command = ["server", "http://minio{1...2}/data{1...2}"]
  restart {
    condition = "none"
  }
}

service "minio2" {
  image   = "minio/minio:"
  command = ["server", "http://minio{1...2}/data{1...2}"]
  restart {
    condition = "none"
  }
}
