package whatif

import (
	"math"
	"testing"

	"github.com/berth-dev/berth/lang"
)

func loadSpec(t *testing.T, dir string) *lang.Spec {
	t.Helper()
	spec, diags := lang.NewLoader().Load(dir, lang.Options{Environ: []string{}})
	if diags.HasErrors() {
		t.Fatalf("load %s: %v", dir, diags)
	}
	return spec
}

// The shop's comments work out every service's rate and utilisation at
// peak by hand; the analytic offered load must agree.
func TestOfferedLoadShop(t *testing.T) {
	spec := loadSpec(t, "../../examples/shop")
	ld := spec.Loads["peak"]
	o := OfferedLoad(spec, ld, ld.Profile.Peak())
	rates := map[string]float64{
		"gateway": 300, "auth": 300, "users": 270, "users-db": 270, "orders": 300,
		"orders-db": 300, "products": 270, "cache": 270, "products-db": 54, "mailer": 30,
	}
	for svc, want := range rates {
		if got := o.Rate[svc]; math.Abs(got-want) > 1e-9 {
			t.Errorf("rate %s = %g, want %g", svc, got, want)
		}
	}
	cpu := map[string]float64{"orders-db": 0.50, "orders": 0.40, "auth": 0.36, "mailer": 0.30, "cache": 0.19}
	for svc, want := range cpu {
		if got := o.CPU[svc]; math.Abs(got-want) > 0.01 {
			t.Errorf("cpu utilisation %s = %.3f, want %.2f", svc, got, want)
		}
	}
	// Worker utilisation with downstream waits (the comment's table).
	busy := map[string]float64{"orders": 0.34, "gateway": 0.10, "users": 0.09, "orders-db": 0.13}
	for svc, want := range busy {
		if got := o.Busy[svc]; math.Abs(got-want) > 0.01 {
			t.Errorf("worker utilisation %s = %.3f, want %.2f", svc, got, want)
		}
	}
	if got := o.LinkRate[lang.LinkKey{From: "products", To: "products-db"}]; math.Abs(got-54) > 1e-9 {
		t.Errorf("products → products-db rate %g, want 54 (20 %% of 270)", got)
	}
	if got := o.QueueRate["order-events"]; math.Abs(got-30) > 1e-9 {
		t.Errorf("order-events rate %g, want 30", got)
	}
	if svc, rho := o.Bottleneck(); svc != "orders-db" || math.Abs(rho-0.5) > 0.01 {
		t.Errorf("bottleneck %s at %.3f, want orders-db at 0.50", svc, rho)
	}
}

func TestCost(t *testing.T) {
	spec := loadSpec(t, "../../examples/shop")
	// cpus × replicas: gateway 1.5, auth 1, users 2, orders 4, products 2,
	// cache 0.5, the three dbs 2+2+1, mailer 2 = 18; memory in GiB ×
	// replicas: 0.375+0.125+0.25+0.5+0.25+0.25+0.5+0.5+0.5+0.125 = 3.375.
	want := 18 + 3.375*DefaultMemoryWeight
	if got := Cost(spec, DefaultMemoryWeight); math.Abs(got-want) > 1e-9 {
		t.Errorf("cost %g, want %g", got, want)
	}
	c := spec.Clone()
	c.Services["orders"].Replicas = 3
	if d := Cost(c, 0) - Cost(spec, 0); math.Abs(d-2) > 1e-9 {
		t.Errorf("one more orders replica (2 cpus) costs %g, want 2", d)
	}
}

var noEnv = lang.Options{Environ: []string{}}

func newLoader() *lang.Loader { return lang.NewLoader() }
