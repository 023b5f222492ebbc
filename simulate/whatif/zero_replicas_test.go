package whatif

import (
	"math"
	"strings"
	"testing"

	"github.com/berth-dev/berth/lang"
)

// TestOfferedZeroReplicas: a service scaled to replicas = 0 has no
// instance, as in the simulator. Its callers' calls are refused at once:
// they still count on the link, but nothing arrives at it or below it,
// it is busy 0 (not the load of one replica), and the caller's hold time
// no longer waits for it.
func TestOfferedZeroReplicas(t *testing.T) {
	spec := loadSpec(t, "../../examples/shop")
	ld := spec.Loads["peak"]
	before := OfferedLoad(spec, ld, ld.Profile.Peak())
	spec.Services["orders"].Replicas = 0
	o := OfferedLoad(spec, ld, ld.Profile.Peak())
	for _, svc := range []string{"orders", "orders-db"} {
		if o.Rate[svc] != 0 || o.Busy[svc] != 0 || o.Local[svc] != 0 || o.CPU[svc] != 0 {
			t.Errorf("%s: rate %g, busy %g, local %g, cpu %g; want 0 (no instance of orders)", svc, o.Rate[svc], o.Busy[svc], o.Local[svc], o.CPU[svc])
		}
		if before.Rate[svc] == 0 {
			t.Errorf("%s: no rate with orders present either; the test proves nothing", svc)
		}
	}
	if got, want := o.LinkRate[linkKey("gateway", "orders")], before.LinkRate[linkKey("gateway", "orders")]; got != want || got == 0 {
		t.Errorf("gateway → orders calls %g/s, want the same %g/s (refused, but made)", got, want)
	}
	if o.Rate["users"] != before.Rate["users"] || math.Abs(o.Rate["gateway"]-before.Rate["gateway"]) > 1e-9 {
		t.Errorf("users %g, gateway %g: want unchanged %g, %g", o.Rate["users"], o.Rate["gateway"], before.Rate["users"], before.Rate["gateway"])
	}
	if !(o.Busy["gateway"] < before.Busy["gateway"]) {
		t.Errorf("gateway busy %g, want below %g: a refused call holds no worker while orders would have answered", o.Busy["gateway"], before.Busy["gateway"])
	}
}

func linkKey(from, to string) lang.LinkKey { return lang.LinkKey{From: from, To: to} }

// TestVaryTwice: two --vary of one attribute are refused (they made two
// columns of the same attribute, the second one's value applied over the
// first's, and a search over values that never ran).
func TestVaryTwice(t *testing.T) {
	spec := loadSpec(t, "../../examples/shop")
	a, _ := ParseVary("orders.replicas=1..2")
	b, _ := ParseVary("orders.replicas=3..4")
	_, diags := Search(spec, Options{Dims: []Dimension{a, b}, Replications: 1})
	if !diags.HasErrors() || diags[0].Summary != "Dimension varied twice" {
		t.Fatalf("diagnostics %v, want 'Dimension varied twice'", diags)
	}
}

// TestVaryUnknownService: a --vary of a service the spec lacks says so,
// with the likely name, or else the names there are.
func TestVaryUnknownService(t *testing.T) {
	spec := loadSpec(t, "../../examples/shop")
	for _, tc := range []struct{ vary, want string }{
		{"ordres.replicas=1..2", `there is no service "ordres". Did you mean "orders"?`},
		{"nosvc.replicas=1..2", `there is no service "nosvc". The services are auth, cache, gateway,`},
	} {
		d, err := ParseVary(tc.vary)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Check(spec); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("--vary %s: %v, want %q", tc.vary, err, tc.want)
		}
	}
}
