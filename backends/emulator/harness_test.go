package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// Builders of hand-made specs (the tests do not depend on the HCL loader).

func testSpec(svcs ...*lang.Service) *lang.Spec {
	s := &lang.Spec{Project: "t", Services: map[string]*lang.Service{}, Links: map[lang.LinkKey]*lang.Link{}, Queues: map[string]*lang.Queue{}}
	for _, v := range svcs {
		s.Services[v.Name] = v
	}
	return s
}

func addLink(s *lang.Spec, l *lang.Link) { s.Links[l.Key()] = l }

func service(name string, workers, queue int, st time.Duration, eps ...*lang.Endpoint) *lang.Service {
	c := lang.Capacity{Workers: workers, Queue: queue, Model: lang.ModelThread}
	if st > 0 {
		c.ServiceTime = lang.Const(st)
	}
	return &lang.Service{Name: name, Replicas: 1, Capacity: c, Endpoints: eps}
}

func endpoint(name string, steps ...*lang.Step) *lang.Endpoint {
	return &lang.Endpoint{Name: name, Weight: 1, Flow: seq(steps...)}
}

func seq(steps ...*lang.Step) *lang.Step {
	return &lang.Step{Kind: lang.StepSequence, Children: steps}
}

func par(steps ...*lang.Step) *lang.Step {
	return &lang.Step{Kind: lang.StepParallel, Children: steps}
}

func call(svc string) *lang.Step {
	return &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: svc, Probability: 1}}
}

func callFallback(svc, fallback string) *lang.Step {
	st := call(svc)
	st.Call.Fallback = fallback
	return st
}

// cluster runs emulators in-process on 127.0.0.1 and resolves service
// names to their listeners.
type cluster struct {
	t     testing.TB
	mu    sync.Mutex
	addrs map[string][]string
	srv   map[string][]*Server
}

func newCluster(t testing.TB) *cluster {
	return &cluster{t: t, addrs: map[string][]string{}, srv: map[string][]*Server{}}
}

func (c *cluster) lookup(_ context.Context, service string, _ int) ([]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a := c.addrs[service]; len(a) > 0 {
		return a, nil
	}
	return nil, fmt.Errorf("no such host %s", service)
}

// setAddrs points service at addrs (a fake or dead replica).
func (c *cluster) setAddrs(service string, addrs ...string) {
	c.mu.Lock()
	c.addrs[service] = addrs
	c.mu.Unlock()
}

// start runs replicas of service from spec.
func (c *cluster) start(spec *lang.Spec, service string, replicas int) {
	c.t.Helper()
	cfg, err := Compile(spec, service)
	if err != nil {
		c.t.Fatal(err)
	}
	for i := range replicas {
		s, err := New(cfg, Options{
			Lookup:  c.lookup,
			Replica: fmt.Sprintf("%s-%d", service, i+1),
			Log:     log.New(testWriter{c.t}, "", 0),
			// Short, so hanging callees do not hold the test up.
			ShutdownGrace: 200 * time.Millisecond,
		})
		if err != nil {
			c.t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			c.t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { s.Serve(ctx, ln); close(done) }()
		c.t.Cleanup(func() { cancel(); <-done })
		c.mu.Lock()
		c.addrs[service] = append(c.addrs[service], ln.Addr().String())
		c.srv[service] = append(c.srv[service], s)
		c.mu.Unlock()
	}
}

func (c *cluster) url(service, path string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return "http://" + c.addrs[service][0] + path
}

// get requests path of service's first replica and decodes the Response.
func (c *cluster) get(service, path string) (int, http.Header, Response) {
	c.t.Helper()
	resp, err := http.Get(c.url(service, path))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var r Response
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, &r); err != nil {
		c.t.Fatalf("GET %s %s: %v in %q", service, path, err, body)
	}
	return resp.StatusCode, resp.Header, r
}

func (c *cluster) stats(service string) Stats { return c.srv[service][0].Stats() }

// testWriter sends the emulator's log lines to t.Log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// eventually polls cond every 10ms for up to 2s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 200 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
