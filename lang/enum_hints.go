package lang

// enumHints answer a value of another tool given to one of berth's enums,
// by the enum's name and the value; such a hint replaces the "Did you
// mean", which for these values points at the wrong one (http is not a
// typo of sctp).
var enumHints = map[string]map[string]string{
	"protocol": {
		"http":  "A port's protocol is its transport: an HTTP, HTTPS or gRPC port is tcp.",
		"https": "A port's protocol is its transport: an HTTP, HTTPS or gRPC port is tcp.",
		"grpc":  "A port's protocol is its transport: an HTTP, HTTPS or gRPC port is tcp.",
		"quic":  "A port's protocol is its transport: a QUIC port is udp.",
	},
	"restart condition": {
		"always":         `Docker's "always" and "unless-stopped" are any here.`,
		"unless-stopped": `Docker's "always" and "unless-stopped" are any here.`,
		"no":             `Docker's "no" is none here.`,
	},
	"queue kind": {
		"sqs":    "berth models two kinds of queue: rabbitmq, where consumers compete for messages (as SQS, NATS or Redis lists), and kafka, where partitions cap the useful consumers (as Kinesis or Pulsar).",
		"nats":   "berth models two kinds of queue: rabbitmq, where consumers compete for messages (as SQS, NATS or Redis lists), and kafka, where partitions cap the useful consumers (as Kinesis or Pulsar).",
		"redis":  "berth models two kinds of queue: rabbitmq, where consumers compete for messages (as SQS, NATS or Redis lists), and kafka, where partitions cap the useful consumers (as Kinesis or Pulsar).",
		"pulsar": "berth models two kinds of queue: rabbitmq, where consumers compete for messages (as SQS, NATS or Redis lists), and kafka, where partitions cap the useful consumers (as Kinesis or Pulsar).",
	},
	"backoff": {
		"linear": "A linear backoff is not modelled; constant (every wait is base) is the closest.",
	},
}

// enumHint returns the hint for got as a value of the enum what, or "".
func enumHint(what, got string) string { return enumHints[what][got] }
