service "orders" {}
queue "events" {}
