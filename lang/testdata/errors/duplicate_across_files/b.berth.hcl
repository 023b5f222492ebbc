service "orders" {} # ERROR: Duplicate service name

queue "events" { # ERROR: Duplicate queue name
  kind = "kafka"
}
