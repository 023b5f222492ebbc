network "edge" {}
network "edge" {} # ERROR: Duplicate network name

locals {
  a = 1
}
locals {
  a = 2 # ERROR: Duplicate local value
}

service "api" {
  endpoint "get" {}
  endpoint "get" {} # ERROR: Duplicate endpoint name
}
service "api" {} # ERROR: Duplicate service name

link "api" "db" {}
link "api" "db" {} # ERROR: Duplicate link

service "db" {}

berth {}
berth {} # ERROR: Duplicate berth block
