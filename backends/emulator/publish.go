package emulator

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// defaultOutbox bounds the local outbox of a queue declared unbounded
// (capacity = 0): an emulator's memory is not.
const defaultOutbox = 10000

// deliverTimeout bounds one delivery POST.
const deliverTimeout = 30 * time.Second

// outbox emulates publishing to a queue without a broker. A publish puts
// the message in a bounded local outbox per consuming service and returns
// at once; it fails when an outbox is full (the queue's capacity, else
// 10,000). Deliverers POST each message to the consume endpoint of one
// replica of each consuming service (kafka-like: every consuming service
// gets every message), at most consume.concurrency at a time per consumer.
// Delivery is at most once: a failed POST is counted and not retried.
// Nothing persists: messages in an outbox are lost when the container
// stops. A queue with no consumer only counts its messages.
type outbox struct {
	q      *Queue
	res    *resolver
	logs   *logger
	lanes  []chan struct{}
	wg     sync.WaitGroup
	ctx    context.Context
	cancel context.CancelFunc
	next   atomic.Uint64

	published, dropped, delivered, fail atomic.Int64
}

func newOutbox(q *Queue, res *resolver, logs *logger) *outbox {
	o := &outbox{q: q, res: res, logs: logs}
	o.ctx, o.cancel = context.WithCancel(context.Background())
	size := q.Capacity
	if size <= 0 {
		size = defaultOutbox
	}
	for i := range q.Consumers {
		lane := make(chan struct{}, size)
		o.lanes = append(o.lanes, lane)
		for range q.Consumers[i].Concurrency {
			o.wg.Go(func() { o.deliverer(&q.Consumers[i], lane) })
		}
	}
	return o
}

// publish records one message; false when an outbox is full.
func (o *outbox) publish() bool {
	for _, lane := range o.lanes {
		if len(lane) == cap(lane) {
			o.dropped.Add(1)
			return false
		}
	}
	for _, lane := range o.lanes {
		select {
		case lane <- struct{}{}:
		default: // raced full: the message is lost for this consumer
			o.fail.Add(1)
		}
	}
	o.published.Add(1)
	return true
}

func (o *outbox) deliverer(c *Consumer, lane chan struct{}) {
	for {
		select {
		case <-o.ctx.Done():
			return
		case <-lane:
			if o.deliver(c) {
				o.delivered.Add(1)
			} else {
				o.fail.Add(1)
			}
		}
	}
}

// deliver POSTs one message to a replica of c, picked round robin.
func (o *outbox) deliver(c *Consumer) bool {
	ctx, cancel := context.WithTimeout(o.ctx, deliverTimeout)
	defer cancel()
	addrs, err := o.res.addrs(ctx, c.Service, c.Port)
	if err != nil || len(addrs) == 0 {
		o.logs.errorf("queue %s: deliver to %s: %v", o.q.Name, c.Service, err)
		return false
	}
	addr := addrs[o.next.Add(1)%uint64(len(addrs))]
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+c.Path, http.NoBody)
	if err != nil {
		return false
	}
	req.Header.Set("X-Berth-Queue", o.q.Name)
	resp, err := httpClient.Do(req)
	if err != nil {
		o.logs.errorf("queue %s: deliver to %s: %v", o.q.Name, c.Service, unwrapURL(err))
		return false
	}
	resp.Body.Close()
	return resp.StatusCode < 300
}

// close stops the deliverers, cancelling POSTs in flight; undelivered
// messages are dropped.
func (o *outbox) close() {
	o.cancel()
	o.wg.Wait()
}

func (o *outbox) stats() QueueStats {
	st := QueueStats{
		Published: o.published.Load(), Dropped: o.dropped.Load(),
		Delivered: o.delivered.Load(), Failed: o.fail.Load(),
	}
	for _, lane := range o.lanes {
		st.Backlog = max(st.Backlog, len(lane))
	}
	return st
}
