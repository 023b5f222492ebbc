# Critical paths, single replicas, chain depth and fallbacks. Every link
# has a timeout, so the only findings are about the structure.
load "peak" {
  entry = service.edge
  rate  = 10
}

service "edge" {
  replicas = 2

  endpoint "home" {
    parallel {
      call "profile" {} # FINDING: notice non-critical-without-fallback
      call "feed" { fallback = "cache" }

      sequence {
        call "s1" {}
        call "news" {}
      }
    }
  }
}

service "profile" {
  replicas = 2
}

service "feed" { # one replica, but behind a fallback: not critical
  endpoint "get" {
    call "feed-db" {}
  }
}

service "feed-db" {}

service "news" {
  replicas = 1 # FINDING: warning single-replica
}

# edge → s1 → s2 → s3 → s4 → s5: five calls, one more than the default
# limit of 4.
service "s1" {
  replicas = 2

  endpoint "x" {
    call "s2" {}
  }
}

service "s2" {
  replicas = 2

  endpoint "x" {
    call "s3" {}
  }
}

service "s3" {
  replicas = 2

  endpoint "x" {
    call "s4" {}
  }
}

service "s4" {
  replicas = 2

  endpoint "x" {
    call "s5" {} # FINDING: warning deep-sync-chain
  }
}

service "s5" { # FINDING: warning single-replica
}

link "edge" "profile" { timeout = "1s" }
link "edge" "feed" { timeout = "1s" }
link "edge" "s1" { timeout = "1s" }
link "edge" "news" { timeout = "1s" }
link "feed" "feed-db" { timeout = "1s" }
link "s1" "s2" { timeout = "1s" }
link "s2" "s3" { timeout = "1s" }
link "s3" "s4" { timeout = "1s" }
link "s4" "s5" { timeout = "1s" }
