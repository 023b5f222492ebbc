package simulate

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
	if c.busy || c.rep.state != repUp || s.draining { // after the load, no new message
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
