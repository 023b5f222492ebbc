package cli

import "github.com/berth-dev/berth/lang"

// serviceLoad is a back-of-the-envelope model of a spec under a load: the
// one the examples' comments work out by hand. Arrival rates flow from the
// load's peak through endpoint weights, call and publish probabilities and
// queues to consumers; a request holds its worker for its local work plus
// its calls (a sequence adds, a parallel block takes the longest mean);
// failures and queueing are ignored.
type serviceLoad struct {
	workers map[string]float64 // λ × hold / (replicas × workers)
	cpus    map[string]float64 // λ × local work / (replicas × cpus), where cpus are set
}

func utilisation(spec *lang.Spec, l *lang.Load) serviceLoad {
	m := &loadModel{spec: spec, rate: map[string]map[string]float64{}, queues: map[string]float64{}}
	entry := spec.Service(l.Entry.Service)
	peak := l.Profile.Peak()
	if l.Entry.Endpoint != "" {
		m.arrive(entry, l.Entry.Endpoint, peak)
	} else {
		total := 0.0
		for _, ep := range entry.Endpoints {
			total += ep.Weight
		}
		for _, ep := range entry.Endpoints {
			m.arrive(entry, ep.Name, peak*ep.Weight/total)
		}
	}
	for _, s := range spec.SortedServices() {
		for _, c := range s.Consumes {
			m.arrive(s, c.Endpoint, m.queues[c.Queue])
		}
	}
	out := serviceLoad{workers: map[string]float64{}, cpus: map[string]float64{}}
	for name, eps := range m.rate {
		s := spec.Service(name)
		for epName, rate := range eps {
			ep := s.Endpoint(epName)
			out.workers[name] += rate * m.hold(s, ep) / float64(s.Replicas*s.Capacity.Workers)
			if s.Resources.CPUs > 0 {
				out.cpus[name] += rate * local(s, ep) / (float64(s.Replicas) * s.Resources.CPUs)
			}
		}
	}
	return out
}

type loadModel struct {
	spec   *lang.Spec
	rate   map[string]map[string]float64 // service → endpoint → requests/s
	queues map[string]float64            // queue → messages/s
}

func (m *loadModel) arrive(s *lang.Service, epName string, rate float64) {
	ep := s.Endpoint(epName)
	if ep == nil || rate == 0 {
		return
	}
	if m.rate[s.Name] == nil {
		m.rate[s.Name] = map[string]float64{}
	}
	m.rate[s.Name][ep.Name] += rate
	ep.Flow.Walk(func(st *lang.Step) {
		switch st.Kind {
		case lang.StepCall:
			m.arrive(m.spec.Service(st.Call.Service), st.Call.Endpoint, rate*st.Call.Probability)
		case lang.StepPublish:
			m.queues[st.Publish.Queue] += rate * st.Publish.Probability
		}
	})
}

// hold is the mean time a request of ep holds its worker, in seconds.
func (m *loadModel) hold(s *lang.Service, ep *lang.Endpoint) float64 {
	return local(s, ep) + m.flow(s.Name, ep.Flow)
}

func (m *loadModel) flow(caller string, st *lang.Step) float64 {
	if st == nil {
		return 0
	}
	switch st.Kind {
	case lang.StepCall:
		callee := m.spec.Service(st.Call.Service)
		hop := m.spec.Defaults.HopLatency.Mean()
		if l := m.spec.Link(caller, callee.Name); l != nil && !l.Latency.IsZero() {
			hop = l.Latency.Mean()
		}
		return st.Call.Probability * (2*hop + m.hold(callee, callee.Endpoint(st.Call.Endpoint)))
	case lang.StepParallel:
		longest := 0.0
		for _, c := range st.Children {
			longest = max(longest, m.flow(caller, c))
		}
		return longest
	case lang.StepSequence:
		sum := 0.0
		for _, c := range st.Children {
			sum += m.flow(caller, c)
		}
		return sum
	}
	return 0
}

// local is the mean local work of ep, in seconds.
func local(s *lang.Service, ep *lang.Endpoint) float64 {
	if ep.ServiceTime != nil {
		return ep.ServiceTime.Mean()
	}
	return s.Capacity.ServiceTime.Mean()
}
