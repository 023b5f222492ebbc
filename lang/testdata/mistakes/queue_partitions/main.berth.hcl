queue "q" {
  kind       = "kafka"
  partitions = 0
}
