queue "order-events" {}

service "api" {
  endpoint "a" {
    publish "order-event" {} # ERROR: Unknown queue
    publish "order-events" {}
  }
}

service "mailer" {
  consume "orders" {} # ERROR: Unknown queue
  consume "order-events" {}
  consume "order-events" { # ERROR: Duplicate consume
    concurrency = 4
  }
}
