package whatif

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/lang"
)

// A front whose call to a slow enrichment degrades to a default: the
// enrichment saturates at 2× (ρ = 1), the requests do not fail.
const fallbackSpec = `
service "api" {
  capacity {
    workers = 1000
  }
  endpoint "get" {
    call "enrich" {
      fallback = "default"
    }
    call "core" {}
  }
}

service "enrich" {
  capacity {
    workers      = 2
    queue        = 4
    service_time = "exp(10ms)"
  }
}

service "core" {
  capacity {
    workers      = 4
    service_time = "exp(10ms)"
  }
}

link "api" "enrich" {
  timeout = "50ms"
}

link "api" "core" {
  timeout = "1s"
}

load "l" {
  entry    = service.api
  rate     = 100
  duration = "10s"
}

slo "api" {
  service    = "api"
  error_rate = 0.01
}
`

// TestPruneOnlyWhatTheRequestsNeed: the search prunes a configuration in
// which a service the requests need (no fallback on the way) cannot carry
// its load, and simulates one in which only a service behind a fallback
// cannot. That one passes (its answers degrade), where pruning said the
// spec failed at 2×.
func TestPruneOnlyWhatTheRequestsNeed(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates")
	}
	spec, diags := lang.NewLoader().Load("f", lang.Options{FS: fstest.MapFS{"f/main.berth.hcl": {Data: []byte(fallbackSpec)}}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	res, diags := Search(spec, Options{Scales: []float64{1, 2, 3, 4}, Replications: 1, Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var at4 *Trial
	for _, tr := range res.Trials {
		if strings.HasPrefix(tr.Reason, "ρ(enrich)") {
			t.Errorf("%g× pruned on enrich (%s); want it simulated, enrich is behind a fallback", tr.Scale, tr.Reason)
		}
		if tr.Scale == 4 {
			at4 = tr
		}
	}
	// enrich: ρ = 0.5 per 1×; core: ρ = 0.25 per 1×, saturated at 4×.
	if at4 == nil || at4.Status != StatusPruned || !strings.HasPrefix(at4.Reason, "ρ(core)") {
		t.Errorf("4×: %+v; want it pruned on core, which every request needs", at4)
	}
	if res.MaxScale != 3 {
		t.Errorf("max scale %g, want 3", res.MaxScale)
	}
}
