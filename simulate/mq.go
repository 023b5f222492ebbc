package simulate

import (
	"math/rand/v2"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/hist"
)

// topic is a compiled queue block. Every service that consumes it has its
// own subscription and gets every message (a consumer group per service);
// within a service the consumers compete (rabbitmq), or share the
// partitions (kafka: a partition has one consumer, consumers beyond the
// partitions idle).
type topic struct {
	name       string
	kafka      bool
	partitions int
	capacity   int
	subs       []*subscription
	rng        *rand.Rand // message keys → partitions
}

// message is one published message waiting in a partition.
type message struct {
	at   int64 // publish time
	part int32
}

// subscription is one consuming service's view of a topic.
type subscription struct {
	t           *topic
	svc         *service
	ep          *endpoint
	concurrency int
	parts       []ring[message] // kafka: one per partition; rabbitmq: one
	owner       []*consumer     // kafka: the consumer of each partition
	consumers   []*consumer     // all, by replica then slot
	backlog     gauge
	warmArea    float64
	end         subEnd // at the end of the load
	published   int64
	dropped     int64
	consumed    int64
	ivConsumed  int64
	wait        *hist.Histogram
	decl        hcl.Range
}

// consumer is one consumer thread of one replica.
type consumer struct {
	id      uint32
	sub     *subscription
	rep     *replica
	busy    bool // running a message
	pending bool // an evConsume is scheduled
	parts   []int
	next    int
}

func (s *sim) buildTopics() {
	s.topicBy = map[string]*topic{}
	for _, q := range s.spec.SortedQueues() {
		t := &topic{name: q.Name, kafka: q.Kind == lang.QueueKafka, partitions: max(1, q.Partitions), capacity: q.Capacity,
			rng: stream(s.seed, "queue/"+q.Name)}
		if !t.kafka {
			t.partitions = 1
		}
		s.topics = append(s.topics, t)
		s.topicBy[q.Name] = t
	}
}

func (s *sim) compilePublish(n *flowNode, p *lang.Publish) {
	n.prob = probability(p.Probability)
	n.topic = s.topicBy[p.Queue]
	if n.topic == nil {
		s.diags = append(s.diags, errorAt(p.DeclRange, "Publish to an unknown queue", "Queue %q is not declared.", p.Queue))
		n.kind = nodeSequence
	}
}

func (s *sim) buildConsumers() {
	for _, svc := range s.svcs {
		for _, c := range svc.spec.Consumes {
			t := s.topicBy[c.Queue]
			if t == nil {
				s.diags = append(s.diags, errorAt(c.DeclRange, "Consumer of an unknown queue", "Queue %q is not declared.", c.Queue))
				continue
			}
			ep := svc.endpoint(c.Endpoint)
			if ep == nil {
				s.diags = append(s.diags, errorAt(c.DeclRange, "Unknown consumer endpoint", "Service %q has no endpoint %q.", svc.name, c.Endpoint))
				continue
			}
			sub := &subscription{t: t, svc: svc, ep: ep, concurrency: max(1, c.Concurrency),
				parts: make([]ring[message], t.partitions), wait: hist.New(), decl: c.DeclRange}
			if t.kafka {
				sub.owner = make([]*consumer, t.partitions)
			}
			t.subs = append(t.subs, sub)
			svc.subs = append(svc.subs, sub)
		}
	}
	for _, t := range s.topics {
		if len(t.subs) == 0 { // nobody consumes: messages pile up
			t.subs = []*subscription{{t: t, parts: make([]ring[message], t.partitions), owner: make([]*consumer, t.partitions), wait: hist.New()}}
		}
	}
}

// subsAll returns every subscription in a fixed order.
func (s *sim) subsAll() []*subscription {
	var out []*subscription
	for _, t := range s.topics {
		out = append(out, t.subs...)
	}
	return out
}

// makeConsumers creates the consumers of replica r (at placement).
func (s *sim) makeConsumers(r *replica) {
	for _, sub := range r.svc.subs {
		for range sub.concurrency {
			c := &consumer{id: uint32(len(s.consumers)), sub: sub, rep: r}
			s.consumers = append(s.consumers, c)
			sub.consumers = append(sub.consumers, c)
			r.consumers = append(r.consumers, c)
		}
	}
}

// publish puts a message on every subscription of t. It fails (the
// publishing request sees an error) when a capped queue is full.
func (s *sim) publish(t *topic) failClass {
	measured := s.now >= s.warmup && !s.draining
	part := int32(0)
	if t.partitions > 1 {
		part = int32(t.rng.IntN(t.partitions))
	}
	class := answerOK
	for _, sub := range t.subs {
		if t.capacity > 0 && sub.backlog.v >= int64(t.capacity) {
			if measured {
				sub.dropped++
			}
			class = failError
			continue
		}
		if measured {
			sub.published++
		}
		if s.tooLongBacklog(sub) {
			return class
		}
		sub.parts[part].push(message{at: s.now, part: part})
		sub.backlog.add(s.now, 1)
		s.wake(sub, int(part))
	}
	return class
}
