# Labels that become Docker names follow Docker's rule.
service "" {} # ERROR: Invalid service name
service "a\"b" {} # ERROR: Invalid service name
service "with space" {} # ERROR: Invalid service name
service "-dash" {} # ERROR: Invalid service name
service "ok_1.v2-x" {}

network "edge/1" {} # ERROR: Invalid network name
volume "data:rw" {} # ERROR: Invalid volume name
secret "jwt key" { # ERROR: Invalid secret name
  file = "main.berth.hcl"
}
