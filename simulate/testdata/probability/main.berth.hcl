# Calls and a publish with an explicit probability of 0 never happen; an
# absent probability is 1.
berth {
  backend = "compose"
}

queue "events" {
  kind = "rabbitmq"
}

service "gw" {
  endpoint "get" {
    call "always" {}
    call "never" {
      probability = 0
    }
    call "half" {
      probability = 0.5
    }
    publish "events" {
      probability = 0
    }
  }
}

service "always" {}
service "never" {}
service "half" {}

service "sink" {
  consume "events" {}
}

link "gw" "always" {}
link "gw" "never" {}
link "gw" "half" {}

load "l" {
  entry    = service.gw
  rate     = 100
  arrival  = "constant"
  duration = "10s"
}
