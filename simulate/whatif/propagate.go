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

// push adds rate to endpoint ep of svc and to everything its flow reaches.
// A service with replicas = 0 has no instance, as in the simulator: calls
// to it are refused by the caller's side at once, so nothing arrives
// there or goes further (its caller's LinkRate still counts them).
func (p *propagator) push(svc *lang.Service, ep string, rate float64, depth int) {
	if depth > maxDepth || rate <= 0 || svc.Replicas <= 0 {
		return
	}
	ep = endpointName(svc, ep)
	p.o.Rate[svc.Name] += rate
	if p.o.EndpointRate[svc.Name] == nil {
		p.o.EndpointRate[svc.Name] = map[string]float64{}
	}
	p.o.EndpointRate[svc.Name][ep] += rate
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
				p.push(callee, st.Call.Endpoint, r, depth+1)
			}
		case st.Kind == lang.StepPublish && st.Publish != nil:
			r := rate * probability(st.Publish.Probability)
			p.o.QueueRate[st.Publish.Queue] += r
			for _, c := range p.spec.SortedServices() {
				for _, cs := range c.Consumes {
					if cs.Queue == st.Publish.Queue {
						p.push(c, cs.Endpoint, r, depth+1)
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

// utilisation fills CPU, Local, Busy and Hold from the rates.
func (p *propagator) utilisation() {
	for name, eps := range p.o.EndpointRate {
		svc := p.spec.Services[name]
		reps := float64(svc.Replicas) // > 0: push sends nothing to a service without instances
		work, busy := 0.0, 0.0
		p.o.Hold[name] = map[string]float64{}
		for ep, rate := range eps {
			local := LocalWork(svc, ep)
			h := p.holdTime(svc, ep, 0)
			if svc.Capacity.Model == lang.ModelAsync {
				h = local
			}
			p.o.Hold[name][ep] = h
			work += rate * local
			busy += rate * h
		}
		if cpus := svc.Resources.CPUs; cpus > 0 {
			p.o.CPU[name] = work / (reps * cpus)
		}
		workers := reps * float64(max(svc.Capacity.Workers, 1))
		p.o.Local[name] = work / workers
		p.o.Busy[name] = busy / workers
	}
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
