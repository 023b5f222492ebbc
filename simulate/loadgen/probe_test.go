package loadgen

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

func TestProbeSpecOn(t *testing.T) {
	long := strings.Repeat("p", 60)
	if got := ProbeProject(long); got != long[:53]+"-calibrate" || len(got) != 63 {
		t.Errorf("ProbeProject(60 letters) = %q (%d characters, want 63)", got, len(got))
	}
	if got := ProbeProject(long[:53]); got != long[:53]+"-calibrate" {
		t.Errorf("ProbeProject(53 letters) = %q", got)
	}
	for _, backend := range []string{lang.BackendCompose, lang.BackendSwarm} {
		s := ProbeSpecOn("shop", backend, 4321)
		if s.Project != "shop-calibrate" || s.Backend != backend || len(s.Services) != 2 {
			t.Fatalf("%s: project %q, backend %q, %d services", backend, s.Project, s.Backend, len(s.Services))
		}
		if p := s.Services[ProbeService].Ports; len(p) != 1 || p[0].Published != 4321 || p[0].HostIP != "127.0.0.1" {
			t.Errorf("%s: probe ports %+v", backend, p)
		}
		for _, svc := range s.Services {
			swarm := backend == lang.BackendSwarm
			if (svc.EndpointMode == "dnsrr") != swarm {
				t.Errorf("%s: %s endpoint mode %q", backend, svc.Name, svc.EndpointMode)
			}
			for _, p := range svc.Ports {
				if (p.Mode == "host") != swarm {
					t.Errorf("%s: %s port mode %q", backend, svc.Name, p.Mode)
				}
			}
		}
	}
}

// WaitProbe returns once the probe's chain answers, and fails after the
// wait when it never does.
func TestWaitProbe(t *testing.T) {
	target := newStack(t).start(ProbeSpec("wp", 0), ProbeService)
	ctx := context.Background()
	if err := WaitProbe(ctx, target, 2*time.Second); err != nil {
		t.Errorf("a running probe: %v", err)
	}
	broken := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/chain" {
			http.Error(w, "no echo", http.StatusBadGateway)
		}
	})
	start := time.Now()
	err := WaitProbe(ctx, broken.Target, 500*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "does not reach its echo service after 500ms") {
		t.Errorf("a probe without its echo: %v", err)
	}
	if d := time.Since(start); d < 500*time.Millisecond || d > 3*time.Second {
		t.Errorf("gave up after %v, want about the wait", d)
	}
}
