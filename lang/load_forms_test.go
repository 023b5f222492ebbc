package lang

import (
	"math"
	"strings"
	"testing"
	"time"
)

// The load forms of the BRIEF decode into the model: an endpoint as the
// entry (by reference or by attribute), a diurnal profile, arrival =
// "bursty" alone.
func TestLoadForms(t *testing.T) {
	const services = `
service "gw" {
  endpoint "list_orders" {}
  endpoint "health" {}
}
service "shard" {
  for_each = toset(["a"])
}
locals {
  entry = service.gw.endpoint.health
}
`
	for _, tc := range []struct {
		name, load string
		check      func(t *testing.T, ld *Load)
	}{
		{"service", `entry = service.gw
		rate = 1`, func(t *testing.T, ld *Load) { wantRef(t, ld.Entry, "gw", "") }},
		{"endpoint reference", `entry = service.gw.endpoint.list_orders
		rate = 1`, func(t *testing.T, ld *Load) { wantRef(t, ld.Entry, "gw", "list_orders") }},
		{"endpoint by index", `entry = service.gw.endpoint["health"]
		rate = 1`, func(t *testing.T, ld *Load) { wantRef(t, ld.Entry, "gw", "health") }},
		{"endpoint through a local", `entry = local.entry
		rate = 1`, func(t *testing.T, ld *Load) { wantRef(t, ld.Entry, "gw", "health") }},
		{"endpoint attribute", `entry = "gw"
		endpoint = "health"
		rate = 1`, func(t *testing.T, ld *Load) { wantRef(t, ld.Entry, "gw", "health") }},
		{"for_each instance's implicit endpoint", `entry = service.shard["a"].endpoint.default
		rate = 1`, func(t *testing.T, ld *Load) { wantRef(t, ld.Entry, "shard-a", "default") }},
		{"bursty alone", `entry = service.gw
		rate = 100
		arrival = "bursty"`, func(t *testing.T, ld *Load) {
			if ld.BurstOn != DefaultBurstOn || ld.BurstOff != DefaultBurstOff || ld.BurstOn <= 0 || ld.BurstOff <= 0 {
				t.Errorf("phases %v on, %v off; want the defaults %v, %v", ld.BurstOn, ld.BurstOff, DefaultBurstOn, DefaultBurstOff)
			}
		}},
		{"bursty with a block", "entry = service.gw\nrate = 100\narrival = \"bursty\"\nburst {\n  on = \"2s\"\n  off = \"3s\"\n}",
			func(t *testing.T, ld *Load) {
				if ld.BurstOn != 2*time.Second || ld.BurstOff != 3*time.Second {
					t.Errorf("phases %v on, %v off; want the block's 2s, 3s", ld.BurstOn, ld.BurstOff)
				}
			}},
		{"diurnal", "entry = service.gw\ndiurnal {\n  min = 100\n  max = 900\n  period = \"10m\"\n}", func(t *testing.T, ld *Load) {
			p := ld.Profile
			if p.Kind != ProfileDiurnal || p.Min != 100 || p.Max != 900 || p.Period != 10*time.Minute || p.PeakAt != 5*time.Minute {
				t.Fatalf("profile %+v", p)
			}
			for at, want := range map[time.Duration]float64{0: 100, 150 * time.Second: 500, 5 * time.Minute: 900, 10 * time.Minute: 100} {
				if got := p.RateAt(at); math.Abs(got-want) > 1e-9 {
					t.Errorf("rate at %v = %g, want %g", at, got, want)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := mustLoad(t, services+"load \"l\" {\n"+tc.load+"\n}\n", Options{})
			tc.check(t, sp.Loads["l"])
		})
	}
}

func wantRef(t *testing.T, got Ref, service, endpoint string) {
	t.Helper()
	if got.Service != service || got.Endpoint != endpoint {
		t.Errorf("entry %q / %q, want %q / %q", got.Service, got.Endpoint, service, endpoint)
	}
	if got.Range.Filename == "" {
		t.Error("entry has no range")
	}
}

// An unknown endpoint in the reference is reported at the endpoint's name,
// with a suggestion and the endpoints there are; "service.endpoint" as a
// string names the reference that works.
func TestLoadEntryMessages(t *testing.T) {
	const src = `
service "gw" {
  endpoint "list_orders" {}
}
load "a" {
  entry = service.gw.endpoint.list_order
  rate  = 1
}
load "b" {
  entry = "gw.list_orders"
  rate  = 1
}
`
	_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
	if len(diags) != 2 {
		t.Fatalf("want 2 diagnostics, got:\n%s", diagText(diags))
	}
	ep, dotted := diags[0], diags[1]
	if ep.Subject.Start.Line != 6 || ep.Subject.Start.Column != 30 || ep.Subject.End.Column != 41 {
		t.Errorf("unknown endpoint at %s, want line 6, columns 30-41 (the name)", ep.Subject)
	}
	for _, want := range []string{`Did you mean "list_orders"?`, `Its endpoints are: "list_orders".`} {
		if !strings.Contains(ep.Detail, want) {
			t.Errorf("detail %q lacks %q", ep.Detail, want)
		}
	}
	for _, want := range []string{"write entry = service.gw.endpoint.list_orders.", `endpoint = "ENDPOINT"`} {
		if !strings.Contains(dotted.Detail, want) {
			t.Errorf("detail %q lacks %q", dotted.Detail, want)
		}
	}
}

// A bound that is written is checked whatever its value; one that is not
// written, or is null, is not.
func TestExpectWrittenBounds(t *testing.T) {
	sp, diags := loadSrc(t, map[string]string{"main.berth.hcl": `
service "api" {}
load "l" {
  entry = service.api
  rate  = 1
}
scenario "s" {
  expect {
    p99        = "0s"
    throughput = 0
    error_rate = 0
    p50        = null
  }
}
slo "z" {
  p999 = 0
}
`}, Options{})
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	e := sp.Scenarios["s"].Expect
	for attr, want := range map[string]bool{"p99": true, "throughput": true, "error_rate": true, "p50": false, "mean": false, "degraded_rate": false} {
		if got := e.Has(attr); got != want {
			t.Errorf("expect.Has(%q) = %v, want %v", attr, got, want)
		}
	}
	if slo := sp.SLOs["z"].Expect; !slo.Has("p999") || slo.Has("p99") {
		t.Errorf("slo bounds: p999 %v, p99 %v; want true, false", slo.Has("p999"), slo.Has("p99"))
	}
	built := Expect{P90: time.Second}
	if !built.Has("p90") || built.Has("p99") {
		t.Error("an Expect built in code is checked on its non-zero bounds")
	}
}

// "reactive" and "non-blocking" are the async model.
func TestModelAliases(t *testing.T) {
	for _, m := range []string{"async", "reactive", "non-blocking", "thread"} {
		sp := mustLoad(t, "service \"gw\" {\n  capacity {\n    model = \""+m+"\"\n  }\n}\n", Options{})
		want := ModelAsync
		if m == "thread" {
			want = ModelThread
		}
		if got := sp.Services["gw"].Capacity.Model; got != want {
			t.Errorf("model = %q decodes to %q, want %q", m, got, want)
		}
	}
}
