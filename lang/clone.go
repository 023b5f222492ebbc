package lang

import (
	"maps"
	"slices"
)

// Clone returns a deep copy of s: changing the copy (whatif, --emulate)
// never changes s. Variable values are immutable cty values and are shared.
func (s *Spec) Clone() *Spec {
	if s == nil {
		return nil
	}
	c := *s
	c.Defaults.HopLatency = s.Defaults.HopLatency.clone()
	c.Variables = cloneMap(s.Variables, func(v *Variable) *Variable { x := *v; return &x })
	c.Networks = cloneMap(s.Networks, func(n *Network) *Network { x := *n; x.Labels = maps.Clone(n.Labels); return &x })
	c.Volumes = cloneMap(s.Volumes, func(v *Volume) *Volume { x := *v; x.Labels = maps.Clone(v.Labels); return &x })
	c.Secrets = cloneMap(s.Secrets, func(v *Secret) *Secret { x := *v; x.Value = slices.Clone(v.Value); return &x })
	c.Configs = cloneMap(s.Configs, func(v *Config) *Config { x := *v; x.Content = slices.Clone(v.Content); return &x })
	c.Services = cloneMap(s.Services, (*Service).clone)
	c.Links = make(map[LinkKey]*Link, len(s.Links))
	for k, l := range s.Links {
		c.Links[k] = l.clone()
	}
	c.Queues = cloneMap(s.Queues, func(q *Queue) *Queue { x := *q; return &x })
	c.Loads = cloneMap(s.Loads, (*Load).clone)
	c.Scenarios = cloneMap(s.Scenarios, (*Scenario).clone)
	c.SLOs = cloneMap(s.SLOs, func(v *SLO) *SLO { x := *v; x.Expect = v.Expect.clone(); return &x })
	return &c
}

func cloneMap[T any](m map[string]*T, clone func(*T) *T) map[string]*T {
	if m == nil {
		return nil
	}
	out := make(map[string]*T, len(m))
	for k, v := range m {
		if v != nil {
			out[k] = clone(v)
		} else {
			out[k] = nil
		}
	}
	return out
}

func clonePtr[T any](p *T, clone func(T) T) *T {
	if p == nil {
		return nil
	}
	x := clone(*p)
	return &x
}

func (d Dist) clone() Dist { d.Params = slices.Clone(d.Params); return d }

func (s *Service) clone() *Service {
	c := *s
	c.Command = slices.Clone(s.Command)
	c.Networks = slices.Clone(s.Networks)
	c.Ports = slices.Clone(s.Ports)
	c.Env = maps.Clone(s.Env)
	c.Sensitive = slices.Clone(s.Sensitive)
	c.EnvParts = maps.Clone(s.EnvParts) // the parts are never changed
	c.Labels = maps.Clone(s.Labels)
	c.Secrets = slices.Clone(s.Secrets)
	c.Configs = slices.Clone(s.Configs)
	c.Mounts = slices.Clone(s.Mounts)
	c.DependsOn = slices.Clone(s.DependsOn)
	c.Health = clonePtr(s.Health, func(h Health) Health { h.Cmd = slices.Clone(h.Cmd); return h })
	c.Rollback = clonePtr(s.Rollback, func(u Update) Update { return u })
	c.Placement.Constraints = slices.Clone(s.Placement.Constraints)
	c.Placement.Spread = slices.Clone(s.Placement.Spread)
	c.Capacity.ServiceTime = s.Capacity.ServiceTime.clone()
	c.Capacity.Startup = s.Capacity.Startup.clone()
	if s.Endpoints != nil {
		c.Endpoints = make([]*Endpoint, len(s.Endpoints))
		for i, e := range s.Endpoints {
			c.Endpoints[i] = e.clone()
		}
	}
	if s.Consumes != nil {
		c.Consumes = make([]*Consume, len(s.Consumes))
		for i, cs := range s.Consumes {
			x := *cs
			c.Consumes[i] = &x
		}
	}
	return &c
}

func (e *Endpoint) clone() *Endpoint {
	c := *e
	c.ServiceTime = clonePtr(e.ServiceTime, Dist.clone)
	c.Flow = e.Flow.clone()
	return &c
}

func (s *Step) clone() *Step {
	if s == nil {
		return nil
	}
	c := *s
	c.Call = clonePtr(s.Call, func(x Call) Call { return x })
	c.Publish = clonePtr(s.Publish, func(x Publish) Publish { return x })
	if s.Children != nil {
		c.Children = make([]*Step, len(s.Children))
		for i, ch := range s.Children {
			c.Children[i] = ch.clone()
		}
	}
	return &c
}

func (l *Link) clone() *Link {
	c := *l
	c.Latency = l.Latency.clone()
	c.Retry = clonePtr(l.Retry, func(r Retry) Retry { r.On = slices.Clone(r.On); return r })
	c.CircuitBreaker = clonePtr(l.CircuitBreaker, func(b CircuitBreaker) CircuitBreaker { return b })
	c.Bulkhead = clonePtr(l.Bulkhead, func(b Bulkhead) Bulkhead { return b })
	return &c
}

func (l *Load) clone() *Load {
	c := *l
	c.Profile.Steps = slices.Clone(l.Profile.Steps)
	c.ThinkTime = l.ThinkTime.clone()
	return &c
}

func (s *Scenario) clone() *Scenario {
	c := *s
	if s.Faults != nil {
		c.Faults = make([]*Fault, len(s.Faults))
		for i, f := range s.Faults {
			x := *f
			x.Delay = f.Delay.clone()
			c.Faults[i] = &x
		}
	}
	c.Expect = clonePtr(s.Expect, Expect.clone)
	return &c
}

func (e Expect) clone() Expect {
	e.ErrorRate = clonePtr(e.ErrorRate, func(f float64) float64 { return f })
	e.DegradedRate = clonePtr(e.DegradedRate, func(f float64) float64 { return f })
	e.Ranges = maps.Clone(e.Ranges)
	return e
}
