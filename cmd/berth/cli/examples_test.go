package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/lang/graph"
	"github.com/berth-dev/berth/simulate"
)

const examplesDir = "../../../examples"

// loadExample loads one example with no variables from the environment and
// fails the test on any diagnostic, warnings included: the examples are
// meant to be clean.
func loadExample(t *testing.T, name string, vars map[string]string) *lang.Spec {
	t.Helper()
	l := lang.NewLoader()
	spec, diags := l.Load(filepath.Join(examplesDir, name), lang.Options{Vars: vars, Environ: []string{}})
	if len(diags) > 0 {
		var b bytes.Buffer
		_ = hcl.NewDiagnosticTextWriter(&b, l.Files(), 100, false).WriteDiagnostics(diags)
		t.Fatalf("examples/%s: %d diagnostics:\n%s", name, len(diags), b.String())
	}
	if spec == nil {
		t.Fatalf("examples/%s: no spec and no diagnostics", name)
	}
	return spec
}

// TestExamples loads every example: no errors, no warnings, every service
// drawn, at least one load and one scenario with expectations, and every
// service below 0.7 utilisation at every load's peak.
func TestExamples(t *testing.T) {
	entries, err := os.ReadDir(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		// Only directories that hold a spec: examples/ci is a workflow.
		if specs, _ := filepath.Glob(filepath.Join(examplesDir, e.Name(), "*"+lang.SpecSuffix)); e.IsDir() && len(specs) > 0 {
			names = append(names, e.Name())
		}
	}
	for _, want := range []string{"fanout", "minimal", "shop"} {
		if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
			t.Errorf("examples/%s is missing", want)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			spec := loadExample(t, name, nil)
			checkDrawn(t, spec)
			if len(spec.Loads) == 0 || len(spec.Scenarios) == 0 {
				t.Errorf("%d loads, %d scenarios; an example needs both", len(spec.Loads), len(spec.Scenarios))
			}
			for _, sc := range spec.SortedScenarios() {
				if sc.Expect == nil {
					t.Errorf("scenario %s has no expect", sc.Name)
				}
			}
			for _, l := range spec.SortedLoads() {
				u := utilisation(spec, l)
				for _, svc := range spec.SortedServices() {
					if w, c := u.workers[svc.Name], u.cpus[svc.Name]; w > 0.7 || c > 0.7 {
						t.Errorf("load %s: %s at %.2f of its workers, %.2f of its cpus; keep examples below 0.7", l.Name, svc.Name, w, c)
					}
				}
			}
		})
	}
}

func checkDrawn(t *testing.T, spec *lang.Spec) {
	t.Helper()
	g := graph.New(spec)
	dot, mmd := g.DOT(), g.Mermaid()
	for _, s := range spec.SortedServices() {
		if g.Node(graph.ServiceID(s.Name)) == nil || !strings.Contains(dot, `"`+graph.ServiceID(s.Name)+`"`) {
			t.Errorf("service %s is not drawn", s.Name)
		}
	}
	if !strings.HasPrefix(mmd, "flowchart LR\n") {
		t.Errorf("mermaid output starts %q", mmd[:min(len(mmd), 20)])
	}
}

// TestShopExample checks that the shop is the seed article's architecture.
func TestShopExample(t *testing.T) {
	spec := loadExample(t, "shop", nil)
	g := graph.New(spec)
	gw := g.Node("service.gateway")
	wantGw := []string{
		"3 × 16 workers",
		"list_orders: auth → ∥{users (fallback), orders → products}",
		"create_order: auth → orders.create → ⇢order-events",
	}
	if d := cmp.Diff(wantGw, gw.Details); d != "" {
		t.Errorf("gateway (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"2 × 8 workers", "get: cache (fallback) → products-db (20%)"}, g.Node("service.products").Details); d != "" {
		t.Errorf("products (-want +got):\n%s", d)
	}
	for _, callee := range []string{"auth", "users", "orders", "products"} {
		l := spec.Link("gateway", callee)
		if l == nil || l.Implicit || l.Timeout == 0 || l.Retry == nil || l.Retry.Budget == 0 || l.CircuitBreaker == nil {
			t.Errorf("gateway → %s: want a declared link with a timeout, a budgeted retry and a breaker, got %+v", callee, l)
		}
	}
	if g.Edge("queue.order-events", "service.mailer", graph.EdgeConsume) == nil {
		t.Error("mailer does not consume order-events")
	}
	if gwSvc := spec.Service("gateway"); len(gwSvc.Ports) != 1 || gwSvc.Ports[0].HostIP != "127.0.0.1" || gwSvc.Ports[0].Published != 8080 {
		t.Errorf("gateway ports %+v, want 127.0.0.1:8080", gwSvc.Ports)
	}
	if n := spec.Networks["backend"]; n == nil || !n.Internal {
		t.Error("the backend network must be internal")
	}
	for _, db := range []string{"users-db", "orders-db", "products-db"} {
		s := spec.Service(db)
		if s == nil || s.Replicas != 1 || len(s.Mounts) != 1 || len(s.Secrets) != 1 {
			t.Errorf("%s: want one replica, a volume and the db secret, got %+v", db, s)
		}
	}
	faults := map[string]string{}
	for _, sc := range spec.SortedScenarios() {
		for _, f := range sc.Faults {
			faults[sc.Name] = f.Kind
		}
	}
	if faults["orders-replica-loss"] != lang.FaultKill || faults["node-loss"] != lang.FaultNodeDown {
		t.Errorf("scenarios' faults %v: want a kill in orders-replica-loss and a node_down in node-loss", faults)
	}
	if spec.Services["orders"].Replicas != 2 || loadExample(t, "shop", map[string]string{"orders_replicas": "4"}).Services["orders"].Replicas != 4 {
		t.Error("orders replicas do not follow var.orders_replicas (default 2)")
	}
}

// TestShopCapacityTable checks the utilisation table in the comment of
// examples/shop/services.berth.hcl against the spec, so the two cannot
// drift apart.
func TestShopCapacityTable(t *testing.T) {
	spec := loadExample(t, "shop", nil)
	u := utilisation(spec, spec.Loads["peak"])
	want := map[string][2]float64{ // worker util, cpu util
		"gateway": {0.10, 0.25}, "auth": {0.02, 0.36}, "users": {0.09, 0.34}, "users-db": {0.09, 0.34},
		"orders": {0.34, 0.40}, "orders-db": {0.13, 0.50}, "products": {0.06, 0.27}, "cache": {0.09, 0.19},
		"products-db": {0.03, 0.27}, "mailer": {0.15, 0.30},
	}
	for name, w := range want {
		gotW, gotC := u.workers[name], u.cpus[name]
		if d := gotW - w[0]; d > 0.006 || d < -0.006 {
			t.Errorf("%s: worker utilisation %.3f, the table says %.2f", name, gotW, w[0])
		}
		if d := gotC - w[1]; d > 0.006 || d < -0.006 {
			t.Errorf("%s: cpu utilisation %.3f, the table says %.2f", name, gotC, w[1])
		}
	}
}

func TestFanoutExample(t *testing.T) {
	spec := loadExample(t, "fanout", nil)
	for _, k := range []string{"a", "b", "c", "d"} {
		s := spec.Service("shard-" + k)
		if s == nil || s.BlockName != "shard" || s.Key != k || s.Replicas != 2 {
			t.Fatalf("shard-%s: want a for_each instance of shard with 2 replicas, got %+v", k, s)
		}
	}
	over := loadExample(t, "fanout", map[string]string{"shard_replicas": "3"})
	if r := over.Service("shard-c").Replicas; r != 3 {
		t.Errorf("-var shard_replicas=3: shard-c has %d replicas", r)
	}
}

// TestExamplesSimulate runs every load and scenario of every example in
// the simulator: each expectation and SLO must pass, so the examples show a
// healthy system (the shop's comments explain each bound).
func TestExamplesSimulate(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates every example")
	}
	for _, name := range []string{"minimal", "fanout", "shop"} {
		t.Run(name, func(t *testing.T) {
			spec := loadExample(t, name, nil)
			res, diags := simulate.Run(spec, simulate.Options{Seed: 1})
			if diags.HasErrors() {
				t.Fatalf("simulate: %v", diags)
			}
			runs := res.Runs
			if len(runs) == 0 {
				runs = []*simulate.Report{res.Report}
			}
			for _, r := range runs {
				if r.Scenario != "" && len(r.Verdicts) == 0 {
					t.Errorf("%s: no verdicts", r.Name)
				}
				for _, v := range r.Verdicts {
					if !v.Pass {
						t.Errorf("%s: %s %s %s %s %g, measured %g (%s)", r.Name, v.Source, v.Target, v.Metric, v.Op, v.Bound, v.Measured, v.Pos)
					}
				}
			}
		})
	}
}
