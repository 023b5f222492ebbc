service "gateway" {
  endpoint "list" {
    call "orders" {}
    publish "order-events" {}
  }
}

service "orders" {
  endpoint "get" {
    weight = 0 # WARNING: Every endpoint weighs 0
  }
  endpoint "put" {
    weight = 0
  }
}

link "gateway" "orders" {}
link "orders" "gateway" {} # WARNING: Link without calls
link "gateway" "users" {} # WARNING: Link without calls

service "users" {}

queue "order-events" {} # WARNING: Queue without consumers
queue "audit" {}        # WARNING: Unused queue
