# 100 messages/s into each queue. "slow" has 2 × 4 consumers of 50 ms,
# but kafka's 2 partitions leave 2 active: 40/s. "fast" keeps up. Nobody
# consumes "orphan".
load "peak" {
  entry = service.producer
  rate  = 100
}

service "producer" {
  replicas = 2

  endpoint "emit" {
    publish "slow" {}
    publish "fast" {}
    publish "orphan" {}
  }
}

queue "slow" {
  kind       = "kafka"
  partitions = 2
}

queue "fast" {}

queue "orphan" {} # FINDING: warning queue-cannot-keep-up

service "worker" {
  replicas = 2

  capacity {
    workers = 4
  }

  endpoint "handle" {
    service_time = "exp(50ms)"
  }

  consume "slow" { # FINDING: warning queue-cannot-keep-up
    concurrency = 4
  }

  consume "fast" {
    concurrency = 4
  }
}
