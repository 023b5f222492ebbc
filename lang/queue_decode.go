package lang

import "github.com/hashicorp/hcl/v2"

var queueBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "kind"}, {Name: "partitions"}, {Name: "capacity"}},
}

// decodeQueueBlock decodes a `queue "name" {}` block.
func (st *loadState) decodeQueueBlock(b *hcl.Block) *Queue {
	c := st.content(b.Body, queueBlockSchema)
	a := st.attrsOf(c, st.ctx)
	q := &Queue{Name: b.Labels[0], Kind: QueueRabbitMQ, Partitions: 1, DeclRange: b.DefRange}
	a.enum("kind", "queue kind", &q.Kind, QueueRabbitMQ, QueueKafka)
	a.integer("partitions", &q.Partitions)
	a.integer("capacity", &q.Capacity)
	a.need(q.Partitions >= 1, "partitions", b.DefRange, "partitions must be at least 1, not %d.", q.Partitions)
	a.need(q.Capacity >= 0, "capacity", b.DefRange, "capacity must be 0 (unbounded) or more, not %d.", q.Capacity)
	if q.Kind == QueueRabbitMQ && q.Partitions > 1 {
		st.add(warningAt(a.rng("partitions"), "Partitions without effect",
			`Queue %q is a rabbitmq queue (the default kind), whose consumers compete for one queue, so partitions is ignored. For partitions that cap the useful consumers, set kind = "kafka"; otherwise remove partitions.`,
			q.Name))
	}
	return q
}
