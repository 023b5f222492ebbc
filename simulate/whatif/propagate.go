package whatif

import (
	"github.com/berth-dev/berth/lang"
)

type epKey struct{ svc, ep string }

// propagator pushes rates through the flows of a spec.
type propagator struct {
	spec *lang.Spec
	o    *Offered
	hold map[epKey]float64 // memo of mean hold times
}

// endpointName resolves "" to the service's first endpoint.
func endpointName(svc *lang.Service, name string) string {
	if e := svc.Endpoint(name); e != nil {
		return e.Name
	}
	return name
}

// push adds rate to endpoint ep of svc and to everything its flow reaches:
// requests when queue is "", else messages of that queue, which svc's
// consumer threads take (ConsumeRate, not EndpointRate). A service with
// replicas = 0 has no instance, as in the simulator: calls to it are
// refused by the caller's side at once, so nothing arrives there or goes
// further (its caller's LinkRate still counts them).
func (p *propagator) push(svc *lang.Service, ep string, rate float64, depth int, queue string) {
	if depth > maxDepth || rate <= 0 || svc.Replicas <= 0 {
		return
	}
	ep = endpointName(svc, ep)
	p.o.Rate[svc.Name] += rate
	if queue != "" {
		addRate(p.o.ConsumeRate, svc.Name, queue, rate)
	} else {
		addRate(p.o.EndpointRate, svc.Name, ep, rate)
	}
	e := svc.Endpoint(ep)
	if e == nil {
		return
	}
	e.Flow.Walk(func(st *lang.Step) {
		switch {
		case st.Kind == lang.StepCall && st.Call != nil:
			r := rate * probability(st.Call.Probability)
			p.o.LinkRate[lang.LinkKey{From: svc.Name, To: st.Call.Service}] += r
			if callee := p.spec.Services[st.Call.Service]; callee != nil {
				p.push(callee, st.Call.Endpoint, r, depth+1, "")
			}
		case st.Kind == lang.StepPublish && st.Publish != nil:
			r := rate * probability(st.Publish.Probability)
			p.o.QueueRate[st.Publish.Queue] += r
			for _, c := range p.spec.SortedServices() {
				for _, cs := range c.Consumes {
					if cs.Queue == st.Publish.Queue {
						p.push(c, cs.Endpoint, r, depth+1, cs.Queue)
					}
				}
			}
		}
	})
}

// probability clamps the model's probability to [0, 1]. The loader sets 1
// when the attribute is absent, so 0 is an explicit "never".
func probability(p float64) float64 { return min(max(p, 0), 1) }

// LocalWork returns the mean local work of endpoint ep of svc, in seconds.
func LocalWork(svc *lang.Service, ep string) float64 {
	if e := svc.Endpoint(ep); e != nil && e.ServiceTime != nil {
		return e.ServiceTime.Mean()
	}
	return svc.Capacity.ServiceTime.Mean()
}

func addRate(m map[string]map[string]float64, svc, key string, rate float64) {
	if m[svc] == nil {
		m[svc] = map[string]float64{}
	}
	m[svc][key] += rate
}

// utilisation fills CPU, Local, Busy and Hold from the rates. Requests
// hold workers (the whole flow in the thread model, the local work in
// the async one); messages hold a consumer thread through their whole
// flow, as the simulator runs them. Local and Busy are the larger of the
// workers' and each consume block's threads' utilisation: either pool
// at 1 is an overload.
func (p *propagator) utilisation() {
	for name := range p.o.Rate {
		svc := p.spec.Services[name]
		reps := float64(svc.Replicas) // > 0: push sends nothing to a service without instances
		work, busy := 0.0, 0.0
		p.o.Hold[name] = map[string]float64{}
		for ep, rate := range p.o.EndpointRate[name] {
			local := LocalWork(svc, ep)
			h := p.holdTime(svc, ep, 0)
			if svc.Capacity.Model == lang.ModelAsync {
				h = local
			}
			p.o.Hold[name][ep] = h
			work += rate * local
			busy += rate * h
		}
		workers := reps * float64(max(svc.Capacity.Workers, 1))
		p.o.Local[name] = work / workers
		p.o.Busy[name] = busy / workers
		for _, cs := range svc.Consumes {
			rate := p.o.ConsumeRate[name][cs.Queue]
			if rate <= 0 {
				continue
			}
			ep := endpointName(svc, cs.Endpoint)
			local, h := LocalWork(svc, ep), p.holdTime(svc, ep, 0)
			if _, ok := p.o.Hold[name][ep]; !ok {
				p.o.Hold[name][ep] = h
			}
			work += rate * local
			threads := p.activeConsumers(svc, cs)
			p.o.Local[name] = max(p.o.Local[name], rate*local/threads)
			p.o.Busy[name] = max(p.o.Busy[name], rate*h/threads)
		}
		if cpus := svc.Resources.CPUs; cpus > 0 {
			p.o.CPU[name] = work / (reps * cpus)
		}
	}
}

// activeConsumers is the number of svc's consumer threads that take
// messages of cs.Queue: replicas × concurrency, at most the partitions of
// a kafka queue (the others idle).
func (p *propagator) activeConsumers(svc *lang.Service, cs *lang.Consume) float64 {
	n := max(svc.Replicas, 1) * max(cs.Concurrency, 1)
	if q := p.spec.Queues[cs.Queue]; q != nil && q.Kind == lang.QueueKafka {
		n = min(n, max(q.Partitions, 1))
	}
	return float64(n)
}

// holdTime is the mean response time of endpoint ep of svc without
// queueing: its local work, then its flow.
func (p *propagator) holdTime(svc *lang.Service, ep string, depth int) float64 {
	k := epKey{svc.Name, endpointName(svc, ep)}
	if h, ok := p.hold[k]; ok {
		return h
	}
	h := LocalWork(svc, k.ep)
	if e := svc.Endpoint(k.ep); e != nil && depth <= maxDepth {
		h += p.flowTime(svc, e.Flow, depth)
	}
	p.hold[k] = h
	return h
}

// flowTime is the mean time of a flow step: a sequence sums its children,
// a parallel block takes its slowest child, a call costs its hops and the
// callee's response (times its probability), a publish nothing.
func (p *propagator) flowTime(svc *lang.Service, st *lang.Step, depth int) float64 {
	if st == nil {
		return 0
	}
	switch st.Kind {
	case lang.StepCall:
		if st.Call == nil || p.spec.Services[st.Call.Service] == nil {
			return 0
		}
		callee := p.spec.Services[st.Call.Service]
		if callee.Replicas <= 0 {
			return 0 // no instance: refused at once, before any hop
		}
		t := 2*p.hop(svc.Name, callee.Name) + p.holdTime(callee, st.Call.Endpoint, depth+1)
		return probability(st.Call.Probability) * t
	case lang.StepParallel:
		m := 0.0
		for _, c := range st.Children {
			m = max(m, p.flowTime(svc, c, depth))
		}
		return m
	case lang.StepSequence:
		sum := 0.0
		for _, c := range st.Children {
			sum += p.flowTime(svc, c, depth)
		}
		return sum
	}
	return 0
}

// hop is the mean one-way network latency of the edge from → to.
func (p *propagator) hop(from, to string) float64 {
	if l := p.spec.Link(from, to); l != nil && !l.Latency.IsZero() {
		return l.Latency.Mean()
	}
	return p.spec.Defaults.HopLatency.Mean()
}
