package review

import (
	"fmt"
	"math"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/whatif"
)

// queueFindings checks that every queue's consumers keep up with its
// publishers at peak.
func (c *checker) queueFindings() {
	if c.offered == nil {
		return
	}
	for _, q := range c.spec.SortedQueues() {
		rate := c.offered.QueueRate[q.Name]
		if rate <= 0 {
			continue
		}
		consumers := 0
		for _, svc := range c.spec.SortedServices() {
			for _, cs := range svc.Consumes {
				if cs.Queue == q.Name {
					consumers++
					c.consumerKeepsUp(q, svc, cs, rate)
				}
			}
		}
		if consumers == 0 {
			c.add(KindQueueBacklog, SeverityWarning, "queue."+q.Name, q.DeclRange, 1, fmt.Sprintf(
				"%s receives %s messages/s at peak and no service consumes it: its backlog only grows.", q.Name, num(rate)))
		}
	}
}

// consumerKeepsUp compares the message rate with what svc's consumers
// can process: active consumers / mean handling time, and the cores'
// limit, and looks at the simulated backlog.
func (c *checker) consumerKeepsUp(q *lang.Queue, svc *lang.Service, cs *lang.Consume, rate float64) {
	consumers := max(svc.Replicas, 0) * max(cs.Concurrency, 1)
	active := consumers
	if q.Kind == lang.QueueKafka && q.Partitions > 0 {
		active = min(active, q.Partitions)
	}
	ep := endpointName(svc, cs.Endpoint)
	hold := c.offered.Hold[svc.Name][ep]
	capacity := math.Inf(1)
	if hold > 0 {
		capacity = float64(active) / hold
	}
	if cpus := svc.Resources.CPUs; cpus > 0 {
		if local := whatif.LocalWork(svc, ep); local > 0 {
			capacity = min(capacity, float64(svc.Replicas)*cpus/local)
		}
	}
	growing, evidence := c.simulatedBacklog(q.Name, svc.Name)
	if rate < capacity && !growing {
		return
	}
	limit := ""
	if active < consumers {
		limit = fmt.Sprintf(" (kafka: %d partitions cap the useful consumers)", q.Partitions)
	}
	c.add(KindQueueBacklog, SeverityWarning, "queue."+q.Name+"/"+svc.Name, cs.DeclRange, rate/capacity, fmt.Sprintf(
		"%s cannot keep up with %s: %s messages/s arrive at peak, and its %d active consumers%s process at most %s/s.%s Add replicas, consumers (concurrency) or partitions.",
		svc.Name, q.Name, num(rate), active, limit, num(capacity), evidence))
}

// simulatedBacklog reports whether the simulation's backlog of queue q
// for consumer svc ended holding more than a tenth of what was published.
func (c *checker) simulatedBacklog(q, svc string) (bool, string) {
	if c.report == nil {
		return false, ""
	}
	for key, m := range c.report.Queues {
		if m.Consumer != svc || (key != q && key != q+"/"+svc) {
			continue
		}
		if m.Published > 0 && float64(m.Backlog.Final) > 0.1*float64(m.Published) {
			return true, fmt.Sprintf(" In the simulation the backlog ended at %d messages (%.0f %% of those published), the oldest waiting %s.",
				m.Backlog.Final, 100*float64(m.Backlog.Final)/float64(m.Published), seconds(m.Lag.OldestAge))
		}
	}
	return false, ""
}

func endpointName(svc *lang.Service, name string) string {
	if e := svc.Endpoint(name); e != nil {
		return e.Name
	}
	return name
}
