package graph

import (
	"time"

	"github.com/berth-dev/berth/lang"
)

// Helpers that build lang values by hand, so these tests do not depend on
// the loader.

func seq(children ...*lang.Step) *lang.Step {
	return &lang.Step{Kind: lang.StepSequence, Children: children}
}

func par(children ...*lang.Step) *lang.Step {
	return &lang.Step{Kind: lang.StepParallel, Children: children}
}

func call(service string, opts ...func(*lang.Call)) *lang.Step {
	c := &lang.Call{Service: service, Probability: 1}
	for _, o := range opts {
		o(c)
	}
	return &lang.Step{Kind: lang.StepCall, Call: c}
}

func fallback(f string) func(*lang.Call) { return func(c *lang.Call) { c.Fallback = f } }
func prob(p float64) func(*lang.Call)    { return func(c *lang.Call) { c.Probability = p } }
func endpoint(e string) func(*lang.Call) { return func(c *lang.Call) { c.Endpoint = e } }

func publish(queue string) *lang.Step {
	return &lang.Step{Kind: lang.StepPublish, Publish: &lang.Publish{Queue: queue, Probability: 1}}
}

func svc(name string, replicas, workers int, eps ...*lang.Endpoint) *lang.Service {
	return &lang.Service{Name: name, Replicas: replicas, Capacity: lang.Capacity{Workers: workers, Model: lang.ModelThread}, Endpoints: eps}
}

func ep(name string, flow *lang.Step) *lang.Endpoint {
	return &lang.Endpoint{Name: name, Weight: 1, Flow: flow}
}

func link(from, to string, timeout time.Duration, attempts int, breaker bool) *lang.Link {
	l := &lang.Link{From: from, To: to, Timeout: timeout, LoadBalancing: lang.LBRoundRobin}
	if attempts > 0 {
		l.Retry = &lang.Retry{Attempts: attempts}
	}
	if breaker {
		l.CircuitBreaker = &lang.CircuitBreaker{}
	}
	return l
}

// shopSpec is a cut-down shop: the gateway's list_orders fan-out, a
// fallback, a probabilistic call, a queue, an implicit link and a load.
func shopSpec() *lang.Spec {
	s := &lang.Spec{
		Project:  "shop",
		Services: map[string]*lang.Service{},
		Links:    map[lang.LinkKey]*lang.Link{},
		Queues:   map[string]*lang.Queue{"order-events": {Name: "order-events", Kind: lang.QueueKafka, Partitions: 6}},
		Loads: map[string]*lang.Load{
			"peak": {Name: "peak", Entry: lang.Ref{Service: "gateway"}, Profile: lang.RateProfile{Kind: lang.ProfileConstant, Rate: 300}},
			"ramp": {Name: "ramp", Entry: lang.Ref{Service: "gateway"}, Profile: lang.RateProfile{Kind: lang.ProfileRamp, From: 50, To: 400}},
		},
	}
	add := func(v *lang.Service) { s.Services[v.Name] = v }
	add(svc("gateway", 3, 16,
		ep("list_orders", seq(call("auth"), par(call("users", fallback("default")), seq(call("orders"), call("products"))))),
		ep("create_order", seq(call("auth"), call("orders", endpoint("create")), publish("order-events"))),
	))
	add(svc("auth", 2, 8))
	add(svc("users", 2, 8))
	add(svc("orders", 2, 4, ep("list", nil), ep("create", nil)))
	add(svc("products", 2, 8, ep("get", seq(call("cache", fallback("skip")), call("products-db", prob(0.2))))))
	add(svc("cache", 1, 1))
	add(svc("products-db", 1, 8))
	mailer := svc("mailer", 2, 2, ep("send", nil))
	mailer.Consumes = []*lang.Consume{{Queue: "order-events", Concurrency: 2, Endpoint: "send"}}
	add(mailer)
	for _, l := range []*lang.Link{
		link("gateway", "auth", 50*time.Millisecond, 2, true),
		link("gateway", "users", 100*time.Millisecond, 2, true),
		link("gateway", "orders", 300*time.Millisecond, 3, true),
		link("gateway", "products", 150*time.Millisecond, 2, true),
		link("products", "products-db", 100*time.Millisecond, 0, false),
		{From: "products", To: "cache", Implicit: true},
	} {
		s.Links[l.Key()] = l
	}
	return s
}
