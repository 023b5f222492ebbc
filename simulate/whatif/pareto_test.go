package whatif

import (
	"bytes"
	"encoding/json"
	"testing"
	"testing/fstest"
	"time"

	"github.com/berth-dev/berth/lang"
)

// mm1kSrc is M/M/1/K at ρ = 0.8 whose error budget (5 %) a queue of 7 or
// more meets: a shorter queue rejects more but answers faster.
const mm1kSrc = `
service "api" {
  capacity {
    workers      = 1
    queue        = 4
    service_time = "exp(10ms)"
  }
}
load "steady" {
  entry    = service.api
  rate     = 80
  duration = "60s"
  warmup   = "5s"
}
slo "errors" {
  error_rate = 0.05
}
`

// TestParetoOnlyPassing: P marks the configurations worth paying for, so
// never one that fails (a short queue has the lowest p99 because it
// rejects a quarter of the requests); and a search of load multipliers
// alone has one configuration per multiplier, nothing to trade off.
func TestParetoOnlyPassing(t *testing.T) {
	spec, diags := lang.NewLoader().Load("q", lang.Options{FS: fstest.MapFS{"q/main.berth.hcl": {Data: []byte(mm1kSrc)}}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	dim, err := ParseVary("api.queue=1..10")
	if err != nil {
		t.Fatal(err)
	}
	res, diags := Search(spec, Options{Dims: []Dimension{dim}, Replications: 1, Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	front, failing := 0, 0
	for _, tr := range res.Trials {
		if tr.Status != StatusPass {
			failing++
		}
		if tr.Pareto {
			front++
			if tr.Status != StatusPass {
				t.Errorf("queue %v %s (p99 %.1f ms, errors %.3g) is on the front", tr.Values, tr.Status, tr.P99*1000, tr.ErrorRate)
			}
		}
	}
	if front == 0 || failing == 0 {
		t.Errorf("%d on the front, %d failing: the test needs both", front, failing)
	}

	scales, err := ParseScale("0.5..1.5:0.5")
	if err != nil {
		t.Fatal(err)
	}
	res, diags = Search(spec, Options{Scales: scales, Replications: 1, Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, tr := range res.Trials {
		if tr.Pareto {
			t.Errorf("load × %g is on a front with nothing varied", tr.Scale)
		}
	}
}

// TestResultJSONListsNeverNull: the arrays of the JSON are arrays even
// when empty (a search of multipliers alone varies nothing, and one
// where nothing passes has no best), as diff's are: jq '.best[]' fails
// on null.
func TestResultJSONListsNeverNull(t *testing.T) {
	spec, diags := lang.NewLoader().Load("q", lang.Options{FS: fstest.MapFS{"q/main.berth.hcl": {Data: []byte(mm1kSrc)}}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	res, diags := Search(spec, Options{Scales: []float64{2}, Replications: 1, Seed: 1}) // ρ = 1.6: pruned
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("null")) {
		t.Errorf("null in %s", data)
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "30s", time.Minute: "1m", 90 * time.Second: "1m30s", time.Hour: "1h",
		time.Hour + time.Minute: "1h1m", 1500 * time.Millisecond: "1.5s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%s) = %s, want %s", d, got, want)
		}
	}
}
