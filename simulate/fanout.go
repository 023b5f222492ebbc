package simulate

import "github.com/berth-dev/berth/lang"

// fanout estimates the jobs that one request of a load makes in the
// engine: the request itself and every call and consumed message below
// it, each counted with its probability, first attempts only (retries
// add more). A fan-out of fan-outs multiplies: two levels of 1,000
// parallel calls make a million jobs of each request, which the size
// check of the arrivals alone does not see.
type fanout struct {
	spec   *lang.Spec
	memo   map[*lang.Endpoint]float64
	inWork map[*lang.Endpoint]bool
	subs   map[string][]*lang.Service // consuming services by queue
}

func newFanout(spec *lang.Spec) *fanout {
	f := &fanout{spec: spec, memo: map[*lang.Endpoint]float64{}, inWork: map[*lang.Endpoint]bool{}, subs: map[string][]*lang.Service{}}
	for _, name := range sortedKeys(spec.Services) {
		svc := spec.Services[name]
		for _, c := range svc.Consumes {
			f.subs[c.Queue] = append(f.subs[c.Queue], svc)
		}
	}
	return f
}

// perRequest is the mean number of jobs of one request of ld.
func (f *fanout) perRequest(ld *lang.Load) float64 {
	svc := f.spec.Services[ld.Entry.Service]
	if svc == nil {
		return 1
	}
	if ld.Entry.Endpoint != "" || len(svc.Endpoints) < 2 {
		return f.jobs(svc, ld.Entry.Endpoint)
	}
	sum, weights := 0.0, 0.0
	for _, ep := range svc.Endpoints {
		sum += ep.Weight * f.endpoint(ep)
		weights += ep.Weight
	}
	if weights <= 0 {
		return 1
	}
	return sum / weights
}

// jobs counts a request to endpoint name ("" the first) of svc: none when
// the service has no replica (the call is refused).
func (f *fanout) jobs(svc *lang.Service, name string) float64 {
	if svc == nil || svc.Replicas == 0 {
		return 0
	}
	for _, ep := range svc.Endpoints {
		if name == "" || ep.Name == name {
			return f.endpoint(ep)
		}
	}
	return 1 // the implicit endpoint: local work only
}

func (f *fanout) endpoint(ep *lang.Endpoint) float64 {
	if n, ok := f.memo[ep]; ok {
		return n
	}
	if f.inWork[ep] { // a loop through a queue: the engine stops it if it never waits
		return 1
	}
	f.inWork[ep] = true
	n := 1 + f.step(ep.Flow)
	delete(f.inWork, ep)
	f.memo[ep] = n
	return n
}

func (f *fanout) step(st *lang.Step) float64 {
	if st == nil {
		return 0
	}
	switch st.Kind {
	case lang.StepCall:
		return st.Call.Probability * f.jobs(f.spec.Services[st.Call.Service], st.Call.Endpoint)
	case lang.StepPublish:
		n := 0.0
		for _, svc := range f.subs[st.Publish.Queue] {
			for _, c := range svc.Consumes {
				if c.Queue == st.Publish.Queue {
					n += f.jobs(svc, c.Endpoint)
				}
			}
		}
		return st.Publish.Probability * n
	}
	n := 0.0
	for _, c := range st.Children {
		n += f.step(c)
	}
	return n
}
