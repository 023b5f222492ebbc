package emulator

import (
	"fmt"
	"net/url"
	"sort"

	"github.com/berth-dev/berth/lang"
)

// DefaultPort is the port an emulated service listens on when its spec
// declares no port block.
const DefaultPort = 8080

// ServicePort is the port a service listens on inside its containers: the
// target of its first port block, else DefaultPort. Callers reach an
// emulated callee there, and a callee with an image is assumed to listen
// there too.
func ServicePort(svc *lang.Service) int {
	if len(svc.Ports) > 0 && svc.Ports[0].Target > 0 {
		return svc.Ports[0].Target
	}
	return DefaultPort
}

// Compile compiles what the emulator needs to play service from spec. It
// works for any service, with or without an image (`apply --emulate`
// emulates them all).
func Compile(spec *lang.Spec, service string) (*Config, error) {
	svc := spec.Service(service)
	if svc == nil {
		return nil, fmt.Errorf("emulator: no service %q in the spec", service)
	}
	c := &Config{
		Version:  ConfigVersion,
		Project:  spec.Project,
		Service:  svc.Name,
		Port:     ServicePort(svc),
		Capacity: compileCapacity(svc.Capacity),
		Consumes: compileConsumes(svc.Consumes),
	}
	if h := svc.Health; h != nil && h.HTTP != "" && h.HTTP != pathHealth {
		c.HealthPath = h.HTTP
	}
	c.Endpoints = compileEndpoints(svc)
	calls, queues := usedBy(c.Endpoints)
	var err error
	if c.Links, err = compileLinks(spec, svc.Name, calls); err != nil {
		return nil, err
	}
	if c.Queues, err = compileQueues(spec, queues); err != nil {
		return nil, err
	}
	return c, c.check()
}

// compileCapacity fills what the loader may have left at zero.
func compileCapacity(cp lang.Capacity) lang.Capacity {
	if cp.Workers <= 0 {
		cp.Workers = 64
	}
	if cp.Queue < 0 {
		cp.Queue = 0
	}
	if cp.Model == "" {
		cp.Model = lang.ModelThread
	}
	return cp
}

func compileConsumes(cs []*lang.Consume) []lang.Consume {
	var out []lang.Consume
	for _, c := range cs {
		out = append(out, lang.Consume{Queue: c.Queue, Concurrency: c.Concurrency, Endpoint: c.Endpoint})
	}
	return out
}

func compileEndpoints(svc *lang.Service) []Endpoint {
	if len(svc.Endpoints) == 0 {
		return []Endpoint{{Name: "", ServiceTime: svc.Capacity.ServiceTime}}
	}
	out := make([]Endpoint, 0, len(svc.Endpoints))
	for _, e := range svc.Endpoints {
		st := svc.Capacity.ServiceTime
		if e.ServiceTime != nil {
			st = *e.ServiceTime
		}
		out = append(out, Endpoint{Name: e.Name, ServiceTime: st, Flow: e.Flow})
	}
	return out
}

// usedBy returns the callee → called endpoint names, and the queues
// published to, of every flow.
func usedBy(eps []Endpoint) (map[string]map[string]bool, map[string]bool) {
	calls, queues := map[string]map[string]bool{}, map[string]bool{}
	for _, e := range eps {
		e.Flow.Walk(func(s *lang.Step) {
			switch {
			case s.Kind == lang.StepCall && s.Call != nil:
				if calls[s.Call.Service] == nil {
					calls[s.Call.Service] = map[string]bool{}
				}
				calls[s.Call.Service][s.Call.Endpoint] = true
			case s.Kind == lang.StepPublish && s.Publish != nil:
				queues[s.Publish.Queue] = true
			}
		})
	}
	return calls, queues
}

func compileLinks(spec *lang.Spec, from string, calls map[string]map[string]bool) ([]Link, error) {
	var out []Link
	for _, to := range sortedKeys(calls) {
		callee := spec.Service(to)
		if callee == nil {
			return nil, fmt.Errorf("emulator: %s calls %q, which is not a service of the spec", from, to)
		}
		l := Link{To: to, Port: ServicePort(callee), Paths: map[string]string{}}
		if pol := spec.Link(from, to); pol != nil {
			l.Timeout, l.Retry, l.CircuitBreaker, l.Bulkhead = pol.Timeout, pol.Retry, pol.CircuitBreaker, pol.Bulkhead
			l.LoadBalancing = pol.LoadBalancing
		}
		for ep := range calls[to] {
			p, err := endpointPath(callee, ep)
			if err != nil {
				return nil, fmt.Errorf("emulator: %s calls %s: %w", from, to, err)
			}
			l.Paths[ep] = p
		}
		out = append(out, l)
	}
	return out, nil
}

// endpointPath is the HTTP path of a callee's endpoint ("" = its first).
func endpointPath(svc *lang.Service, name string) (string, error) {
	if len(svc.Endpoints) == 0 {
		if name != "" {
			return "", fmt.Errorf("service %q declares no endpoint %q", svc.Name, name)
		}
		return "/", nil
	}
	e := svc.Endpoint(name)
	if e == nil {
		return "", fmt.Errorf("service %q has no endpoint %q", svc.Name, name)
	}
	return "/" + url.PathEscape(e.Name), nil
}

func compileQueues(spec *lang.Spec, used map[string]bool) ([]Queue, error) {
	var out []Queue
	for _, name := range sortedKeys(used) {
		q := spec.Queues[name]
		if q == nil {
			return nil, fmt.Errorf("emulator: publish to %q, which is not a queue of the spec", name)
		}
		cq := Queue{Name: q.Name, Kind: q.Kind, Capacity: q.Capacity}
		for _, svc := range spec.SortedServices() {
			for _, cons := range svc.Consumes {
				if cons.Queue != name {
					continue
				}
				p, err := endpointPath(svc, cons.Endpoint)
				if err != nil {
					return nil, fmt.Errorf("emulator: %s consumes %s: %w", svc.Name, name, err)
				}
				cq.Consumers = append(cq.Consumers, Consumer{
					Service: svc.Name, Port: ServicePort(svc), Path: p, Concurrency: max(cons.Concurrency, 1),
				})
			}
		}
		out = append(out, cq)
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
