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
	measured := s.now >= s.warmup
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
		sub.parts[part].push(message{at: s.now, part: part})
		sub.backlog.add(s.now, 1)
		s.wake(sub, int(part))
	}
	return class
}

// wake schedules an idle consumer that can take a message of partition p.
func (s *sim) wake(sub *subscription, p int) {
	if sub.t.kafka {
		if c := sub.owner[p]; c != nil {
			s.poke(c)
		}
		return
	}
	for _, c := range sub.consumers {
		if !c.busy && !c.pending && c.rep.state == repUp {
			s.poke(c)
			return
		}
	}
}

func (s *sim) poke(c *consumer) {
	if c.busy || c.pending || c.rep.state == repDown {
		return
	}
	c.pending = true
	s.q.add(s.now, evConsume, 0, 0, 0, c.id)
}

// consumerNext lets consumer id take its next message, if any.
func (s *sim) consumerNext(id uint32) {
	c := s.consumers[id]
	c.pending = false
	if c.busy || c.rep.state != repUp {
		return
	}
	sub := c.sub
	var m message
	switch {
	case sub.t.kafka:
		found := false
		for k := range c.parts {
			p := c.parts[(c.next+k)%len(c.parts)]
			if sub.parts[p].len() > 0 {
				m, found = sub.parts[p].pop(), true
				c.next = (c.next + k + 1) % len(c.parts)
				break
			}
		}
		if !found {
			return
		}
	case sub.parts[0].len() > 0:
		m = sub.parts[0].pop()
	default:
		return
	}
	sub.backlog.add(s.now, -1)
	if m.at >= s.warmup {
		sub.wait.Record(s.now - m.at)
	}
	s.setBusy(c, true)
	j := s.pool.get(sub.ep)
	j.flags = jobMessage
	j.cons, j.msg = c, m
	s.attach(j, c.rep)
	s.arrive(j)
}

// messageDone frees the consumer of a finished message.
func (s *sim) messageDone(j *job, class failClass) {
	c := j.cons
	s.setBusy(c, false)
	c.sub.ivConsumed++
	if j.msg.at >= s.warmup {
		c.sub.consumed++
	}
	s.poke(c)
}

// redeliver puts the message of a job lost with its replica back at the
// head of its partition (unacknowledged messages are redelivered).
func (s *sim) redeliver(j *job) {
	c := j.cons
	s.setBusy(c, false)
	c.sub.parts[j.msg.part].pushFront(j.msg)
	c.sub.backlog.add(s.now, 1)
}

// rebalance assigns the partitions of sub to its live consumers (kafka,
// round robin by partition) and wakes the idle ones.
func (s *sim) rebalance(sub *subscription) {
	var live []*consumer
	for _, c := range sub.consumers {
		c.parts = c.parts[:0]
		c.next = 0
		if c.rep.state != repDown {
			live = append(live, c)
		}
	}
	if sub.t.kafka {
		for p := range sub.owner {
			sub.owner[p] = nil
			if len(live) > 0 {
				c := live[p%len(live)]
				sub.owner[p] = c
				c.parts = append(c.parts, p)
			}
		}
	}
	for _, c := range live {
		s.poke(c)
	}
}

// activeConsumers counts the consumers that can take messages now.
func (sub *subscription) activeConsumers() (all, active int) {
	for _, c := range sub.consumers {
		if c.rep.state == repDown {
			continue
		}
		all++
		if !sub.t.kafka || len(c.parts) > 0 {
			active++
		}
	}
	return all, active
}

// setBusy marks consumer c running a message or idle. Consumer threads
// count in their service's utilisation like workers.
func (s *sim) setBusy(c *consumer, busy bool) {
	if c.busy == busy {
		return
	}
	c.busy = busy
	d := int64(1)
	if !busy {
		d = -1
	}
	c.rep.consBusy += int(d)
	c.rep.svc.busy.add(s.now, d)
}
