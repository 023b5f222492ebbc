package loadgen

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"time"

	"github.com/berth-dev/berth/lang"
)

// Defaults of Options.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultMaxInFlight = 1000
	DefaultDuration    = 60 * time.Second // a load that sets none, as in the simulator
)

// Options control one load test.
type Options struct {
	// Target is the entry's base URL, as CheckTarget returns it.
	Target *url.URL
	// Load gives the arrival process, rate profile, duration and warm-up.
	Load *lang.Load
	// Endpoints are the entry's endpoints to request, chosen by weight
	// (see EntryEndpoints).
	Endpoints []Endpoint
	// Duration overrides the load's duration when > 0; a warm-up that
	// does not fit in it is dropped.
	Duration time.Duration
	// RateScale multiplies every rate of the profile; 0 means 1.
	RateScale float64
	// MaxRequests stops the test after that many arrivals; 0: no limit.
	// The test ends at whichever of Duration and MaxRequests comes first.
	MaxRequests int64
	// Timeout bounds each request; 0 means the load's timeout, else
	// DefaultTimeout.
	Timeout time.Duration
	// MaxInFlight caps the requests waiting for an answer; an arrival
	// that finds it reached is dropped and counted. 0 means
	// DefaultMaxInFlight.
	MaxInFlight int
	// Seed makes the arrival times and endpoint choices reproducible.
	Seed uint64
	// Services counts the calls of every service from the call trees of
	// emulator responses (Result.Services).
	Services bool
	// Progress, when set with ProgressEvery > 0, is called every
	// ProgressEvery while arrivals are sent (from another goroutine).
	Progress      func(Progress)
	ProgressEvery time.Duration
}

// Endpoint is one endpoint of the entry service and its share of the load.
type Endpoint struct {
	Name   string
	Path   string
	Weight float64
}

// EntryEndpoints returns the endpoints the load requests: its own
// endpoint, else every endpoint of the entry service by weight, each at
// the path the emulator serves it ("/" for a service without endpoints).
func EntryEndpoints(spec *lang.Spec, ld *lang.Load) ([]Endpoint, error) {
	svc := spec.Service(ld.Entry.Service)
	if svc == nil {
		return nil, fmt.Errorf("load %q enters service %q, which the spec does not declare", ld.Name, ld.Entry.Service)
	}
	if len(svc.Endpoints) == 0 {
		return []Endpoint{{Name: "default", Path: "/", Weight: 1}}, nil
	}
	path := func(e *lang.Endpoint) string { return "/" + url.PathEscape(e.Name) }
	if ld.Entry.Endpoint != "" {
		e := svc.Endpoint(ld.Entry.Endpoint)
		if e == nil {
			return nil, fmt.Errorf("load %q enters endpoint %q, which service %q does not declare", ld.Name, ld.Entry.Endpoint, svc.Name)
		}
		return []Endpoint{{Name: e.Name, Path: path(e), Weight: 1}}, nil
	}
	var out []Endpoint
	for _, e := range svc.Endpoints {
		if e.Weight > 0 {
			out = append(out, Endpoint{Name: e.Name, Path: path(e), Weight: e.Weight})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("every endpoint of service %q has weight 0: load %q has nothing to request", svc.Name, ld.Name)
	}
	return out, nil
}

// picker chooses endpoints by weight.
type picker struct {
	eps []Endpoint
	cum []float64
	rng *rand.Rand
}

func newPicker(eps []Endpoint, seed uint64) *picker {
	p := &picker{eps: eps, rng: rand.New(rand.NewPCG(seed, 0x656e64706f696e74))}
	sum := 0.0
	for _, e := range eps {
		sum += e.Weight
		p.cum = append(p.cum, sum)
	}
	return p
}

// pick returns the index of the next request's endpoint.
func (p *picker) pick() int {
	if len(p.eps) == 1 {
		return 0
	}
	x := p.rng.Float64() * p.cum[len(p.cum)-1]
	for i, c := range p.cum {
		if x < c {
			return i
		}
	}
	return len(p.eps) - 1
}

// check fills the defaults and refuses what cannot run.
func (o *Options) check() error {
	if o.Target == nil {
		return fmt.Errorf("loadgen: no target")
	}
	if _, err := CheckTarget(o.Target.String()); err != nil {
		return err
	}
	if o.Load == nil {
		return fmt.Errorf("loadgen: no load")
	}
	if len(o.Endpoints) == 0 {
		o.Endpoints = []Endpoint{{Name: "default", Path: "/", Weight: 1}}
	}
	if o.RateScale == 0 {
		o.RateScale = 1
	}
	if o.RateScale < 0 {
		return fmt.Errorf("rate scale %v: must be positive", o.RateScale)
	}
	if o.Timeout <= 0 {
		o.Timeout = o.Load.Timeout
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	return nil
}

// window returns the length of the test and its warm-up.
func (o *Options) window() (d, warmup time.Duration) {
	d, warmup = o.Load.Duration, o.Load.Warmup
	if o.Duration > 0 {
		d = o.Duration
	}
	if d <= 0 {
		d = DefaultDuration
	}
	if warmup >= d {
		warmup = 0
	}
	return d, warmup
}
