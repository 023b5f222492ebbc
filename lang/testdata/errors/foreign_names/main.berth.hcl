# Words from Compose, Terraform and Nomad, with berth's way in the detail.
service "api" {
  count = 3 # ERROR: Unsupported argument
  ports = ["8080:80"] # ERROR: Unsupported argument
  environment = { A = "1" } # ERROR: Unsupported argument
  deploy { # ERROR: Unsupported block type
    replicas = 2
  }
  lifecycle { # ERROR: Unsupported block type
    prevent_destroy = true
  }
}

resource "docker_container" "web" {} # ERROR: Unsupported block type
