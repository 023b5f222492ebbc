package loadgen

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
)

// stack runs emulators of a spec in-process on 127.0.0.1, each service's
// name resolving to its listener (no Docker).
type stack struct {
	t     testing.TB
	mu    sync.Mutex
	addrs map[string][]string
	srv   map[string]*emulator.Server
}

func newStack(t testing.TB) *stack {
	return &stack{t: t, addrs: map[string][]string{}, srv: map[string]*emulator.Server{}}
}

func (s *stack) lookup(_ context.Context, service string, _ int) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.addrs[service]; len(a) > 0 {
		return a, nil
	}
	return nil, fmt.Errorf("no such host %s", service)
}

// start runs every service of spec and returns the URL of entry.
func (s *stack) start(spec *lang.Spec, entry string) *url.URL {
	s.t.Helper()
	for _, svc := range spec.SortedServices() {
		cfg, err := emulator.Compile(spec, svc.Name)
		if err != nil {
			s.t.Fatal(err)
		}
		srv, err := emulator.New(cfg, emulator.Options{
			Lookup: s.lookup, Replica: svc.Name + "-1",
			Log: log.New(io.Discard, "", 0), ShutdownGrace: 200 * time.Millisecond,
		})
		if err != nil {
			s.t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s.t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { srv.Serve(ctx, ln); close(done) }()
		s.t.Cleanup(func() { cancel(); <-done })
		s.mu.Lock()
		s.addrs[svc.Name] = []string{ln.Addr().String()}
		s.srv[svc.Name] = srv
		s.mu.Unlock()
	}
	u, err := CheckTarget("http://" + s.addrs[entry][0])
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// Hand-made specs, so the tests do not depend on the HCL loader.

func testSpec(svcs ...*lang.Service) *lang.Spec {
	s := &lang.Spec{Project: "t", Nodes: 1, Services: map[string]*lang.Service{}, Links: map[lang.LinkKey]*lang.Link{}, Queues: map[string]*lang.Queue{}}
	for _, v := range svcs {
		s.Services[v.Name] = v
	}
	return s
}

func service(name string, workers int, st lang.Dist, eps ...*lang.Endpoint) *lang.Service {
	return &lang.Service{Name: name, Replicas: 1, Capacity: lang.Capacity{Workers: workers, Queue: 1000, ServiceTime: st, Model: lang.ModelThread}, Endpoints: eps}
}

func endpoint(name string, steps ...*lang.Step) *lang.Endpoint {
	return &lang.Endpoint{Name: name, Weight: 1, Flow: &lang.Step{Kind: lang.StepSequence, Children: steps}}
}

func call(svc, fallback string) *lang.Step {
	return &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: svc, Probability: 1, Fallback: fallback}}
}

func load(rate float64, arrival string, d time.Duration) *lang.Load {
	return &lang.Load{Name: "test", Arrival: arrival, Duration: d,
		Profile: lang.RateProfile{Kind: lang.ProfileConstant, Rate: rate}}
}
