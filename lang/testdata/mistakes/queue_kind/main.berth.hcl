queue "q" {
  kind = "sqs"
}
