package lang

import "github.com/hashicorp/hcl/v2"

// Queue kinds.
const (
	QueueKafka    = "kafka"    // partitions cap the useful consumers; order per partition
	QueueRabbitMQ = "rabbitmq" // competing consumers on one queue
)

// Queue is a `queue "name" {}` block: an asynchronous link.
type Queue struct {
	Name       string `json:"name"`
	Kind       string `json:"kind"`       // kafka | rabbitmq (default)
	Partitions int    `json:"partitions"` // kafka; default 1
	// Capacity caps the backlog; 0 = unbounded. A publish to a full queue fails.
	Capacity  int       `json:"capacity,omitempty"`
	DeclRange hcl.Range `json:"-"`
}
