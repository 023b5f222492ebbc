package simulate

import (
	"math"
	"sort"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/dist"
	"github.com/berth-dev/berth/simulate/policy"
)

// Defaults of a capacity block the loader left empty.
const (
	defaultWorkers = 64
	defaultRestart = int64(5e9) // swarmkit restart delay
)

// build compiles the services, endpoints, flows and links of spec into s.
func (s *sim) build() {
	s.byName = map[string]*service{}
	for i, ls := range s.spec.SortedServices() {
		svc := s.buildService(i, ls)
		s.svcs = append(s.svcs, svc)
		s.byName[svc.name] = svc
	}
	s.buildTopics()
	for _, svc := range s.svcs {
		for _, ep := range svc.endpoints {
			s.buildFlow(ep, s.endpointSpec(svc, ep))
		}
	}
	s.buildConsumers()
	s.checkCycles()
}

func (s *sim) buildService(i int, ls *lang.Service) *service {
	c := ls.Capacity
	svc := &service{
		idx:      i,
		name:     ls.Name,
		spec:     ls,
		async:    c.Model == lang.ModelAsync,
		workers:  c.Workers,
		queueCap: c.Queue,
		health:   ls.Health,
		workRng:  stream(s.seed, "svc/"+ls.Name+"/work"),
		flowRng:  stream(s.seed, "svc/"+ls.Name+"/flow"),
	}
	svc.inflight = func(i int) int { return svc.replicas[i].active }
	if svc.workers <= 0 {
		svc.workers = defaultWorkers
	}
	svc.queueCap = max(svc.queueCap, 0)
	if cpus := ls.Resources.CPUs; cpus > 0 {
		svc.cpuSlots = int(math.Ceil(cpus))
		svc.cpuSpeed = cpus / float64(svc.cpuSlots)
		svc.cpus = cpus
		svc.shared = svc.cpuSlots > 1 && svc.cpuSpeed < 1
	}
	svc.restartDelay = int64(ls.Restart.Delay)
	if svc.restartDelay <= 0 {
		svc.restartDelay = defaultRestart
	}
	svc.restartNever = ls.Restart.Condition == "none"
	svc.restartMax = max(ls.Restart.MaxAttempts, 0)
	if s.backend == backendSwarm { // Docker's on-failure:N has no window
		svc.restartWin = int64(ls.Restart.Window)
	}
	svc.startup, svc.hasStartup = s.sampler(c.Startup), !c.Startup.IsZero()
	svc.startRng = stream(s.seed, "svc/"+ls.Name+"/startup")
	defWork := s.sampler(c.ServiceTime)
	if len(ls.Endpoints) == 0 {
		svc.endpoints = []*endpoint{{svc: svc, name: "", weight: 1, work: defWork, hasWork: !c.ServiceTime.IsZero(), decl: ls.DeclRange}}
	}
	for _, le := range ls.Endpoints {
		ep := &endpoint{svc: svc, name: le.Name, weight: le.Weight, work: defWork, hasWork: !c.ServiceTime.IsZero(), decl: le.DeclRange}
		if le.ServiceTime != nil {
			ep.work, ep.hasWork = s.sampler(*le.ServiceTime), !le.ServiceTime.IsZero()
		}
		if ep.weight < 0 {
			ep.weight = 0
		}
		svc.endpoints = append(svc.endpoints, ep)
	}
	total := 0.0
	for _, ep := range svc.endpoints {
		total += ep.weight
		svc.epCum = append(svc.epCum, total)
		if len(svc.endpoints) > 1 {
			ep.m = newEndpointMetric()
		}
	}
	if total == 0 { // all weights zero: equal shares
		for k := range svc.epCum {
			svc.epCum[k] = float64(k + 1)
		}
	}
	svc.m.init()
	return svc
}

// endpointSpec returns the lang endpoint of ep (nil for an implicit one).
func (s *sim) endpointSpec(svc *service, ep *endpoint) *lang.Endpoint {
	if len(svc.spec.Endpoints) == 0 {
		return nil
	}
	return svc.spec.Endpoint(ep.name)
}

// sampler compiles a distribution; a bad one is a diagnostic and samples 0.
func (s *sim) sampler(d lang.Dist) dist.Sampler {
	sm, err := dist.New(d)
	if err != nil {
		s.diags = append(s.diags, errorAt(d.Range, "Invalid distribution", "%s: %s.", d.Source, err))
		sm, _ = dist.New(lang.Dist{})
	}
	return sm
}

// buildFlow flattens an endpoint's flow tree into ep.nodes.
func (s *sim) buildFlow(ep *endpoint, le *lang.Endpoint) {
	if le == nil || le.Flow == nil || len(le.Flow.Children) == 0 && le.Flow.Kind != lang.StepCall && le.Flow.Kind != lang.StepPublish {
		return
	}
	s.addNode(ep, le.Flow, -1)
}

func (s *sim) addNode(ep *endpoint, st *lang.Step, parent int32) int {
	i := len(ep.nodes)
	ep.nodes = append(ep.nodes, flowNode{parent: parent, prob: 1, decl: st.DeclRange})
	n := flowNode{parent: parent, prob: 1, decl: st.DeclRange}
	switch st.Kind {
	case lang.StepParallel:
		n.kind = nodeParallel
	case lang.StepCall:
		n.kind = nodeCall
		s.compileCall(ep, &n, st.Call)
	case lang.StepPublish:
		n.kind = nodePublish
		s.compilePublish(&n, st.Publish)
	default:
		n.kind = nodeSequence
	}
	for _, c := range st.Children {
		n.children = append(n.children, uint16(s.addNode(ep, c, int32(i))))
	}
	ep.nodes[i] = n
	return i
}

func (s *sim) compileCall(ep *endpoint, n *flowNode, c *lang.Call) {
	n.prob = probability(c.Probability)
	n.fallback = c.Fallback != lang.FallbackNone
	callee := s.byName[c.Service]
	if callee == nil {
		s.diags = append(s.diags, errorAt(c.DeclRange, "Call to an unknown service", "Service %q calls %q, which is not declared.", ep.svc.name, c.Service))
		n.kind = nodeSequence // an empty step
		return
	}
	n.callee = callee.endpoint(c.Endpoint)
	if n.callee == nil {
		s.diags = append(s.diags, errorAt(c.DeclRange, "Call to an unknown endpoint", "Service %q has no endpoint %q.", c.Service, c.Endpoint))
		n.kind = nodeSequence
		return
	}
	n.link = s.link(ep.svc, callee)
	n.linkIdx = n.link.idx
}

// probability clamps the loader's value to [0, 1]. The loader sets 1 when
// the attribute is absent, so 0 is an explicit "never".
func probability(p float64) float64 { return min(max(p, 0), 1) }

// endpoint returns the named endpoint, or the first for "".
func (svc *service) endpoint(name string) *endpoint {
	for _, ep := range svc.endpoints {
		if name == "" || ep.name == name {
			return ep
		}
	}
	return nil
}

// link returns the compiled link from→to, making it on first use.
func (s *sim) link(from, to *service) *link {
	for _, l := range from.outLinks {
		if l.to == to {
			return l
		}
	}
	ls := s.spec.Link(from.name, to.name)
	if ls == nil {
		ls = &lang.Link{From: from.name, To: to.name, LoadBalancing: lang.LBRoundRobin, Implicit: true}
	}
	l := &link{idx: len(from.outLinks), from: from, to: to, spec: ls, timeout: int64(ls.Timeout), retry: ls.Retry,
		maxRetries: policy.MaxRetries(ls.Retry), backoff: policy.NewBackoff(ls.Retry),
		rng: stream(s.seed, "link/"+from.name+"->"+to.name)}
	lat := ls.Latency
	if lat.IsZero() {
		lat = s.spec.Defaults.HopLatency
	}
	l.latency, l.hasLatency = s.sampler(lat), !lat.IsZero()
	l.lane = -1
	if lat.Kind == lang.DistConst {
		if d := l.latency.Sample(l.rng); d > 0 {
			l.lane = s.laneFor(d)
		} else {
			l.hasLatency = false
		}
	}
	if l.timeout > 0 {
		l.timeouts = s.newPipe()
	}

	if _, err := policy.NewBalancer(ls.LoadBalancing); err != nil {
		s.diags = append(s.diags, errorAt(ls.DeclRange, "Invalid load balancing", "%s.", err))
	}
	from.outLinks = append(from.outLinks, l)
	s.links = append(s.links, l)
	return l
}

// checkCycles reports call cycles (a request that would call itself
// forever) and message loops (a consumer that always republishes, directly
// or through its calls, to a queue it reads: endless work). A loop through
// a publish or call with probability < 1 ends and is allowed.
func (s *sim) checkCycles() {
	state := map[*endpoint]uint8{} // 1 visiting, 2 done
	var visit func(ep *endpoint) bool
	visit = func(ep *endpoint) bool {
		switch state[ep] {
		case 1:
			return true
		case 2:
			return false
		}
		state[ep] = 1
		for _, n := range ep.nodes {
			switch {
			case n.kind == nodeCall && visit(n.callee):
				s.diags = append(s.diags, errorAt(n.decl, "Call cycle", "The call from %q to %q closes a cycle: a request would never end.", ep.svc.name, n.callee.svc.name))
			case n.kind == nodePublish && n.prob >= 1:
				for _, sub := range n.topic.subs {
					if sub.ep != nil && visit(sub.ep) {
						s.diags = append(s.diags, errorAt(n.decl, "Message loop", "Service %q publishes every message it handles back to queue %q, which it (or a service it calls) consumes: the work never ends.", ep.svc.name, n.topic.name))
					}
				}
			default:
				continue
			}
			if s.diags.HasErrors() {
				state[ep] = 2
				return false
			}
		}
		state[ep] = 2
		return false
	}
	for _, svc := range s.svcs {
		for _, ep := range svc.endpoints {
			visit(ep)
		}
	}
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
