package graph

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/berth-dev/berth/lang"
)

func TestNewEdges(t *testing.T) {
	g := New(shopSpec())
	tests := []struct {
		from, to string
		kind     EdgeKind
		label    string
		optional bool
		implicit bool
	}{
		{ClientsID, "service.gateway", EdgeEntry, "peak 300/s, ramp 50→400/s", false, false},
		{"service.gateway", "service.auth", EdgeCall, "50ms ×2 cb", false, false},
		{"service.gateway", "service.users", EdgeCall, "100ms ×2 cb · fallback default", true, false},
		{"service.gateway", "service.orders", EdgeCall, "300ms ×3 cb", false, false},
		{"service.gateway", "service.products", EdgeCall, "150ms ×2 cb", false, false},
		{"service.gateway", "queue.order-events", EdgePublish, "publish", false, false},
		{"service.products", "service.cache", EdgeCall, "no link · fallback skip", true, true},
		{"service.products", "service.products-db", EdgeCall, "100ms · 20%", true, false},
		{"queue.order-events", "service.mailer", EdgeConsume, "consume ×2 → send", false, false},
	}
	for _, tt := range tests {
		e := g.Edge(tt.from, tt.to, tt.kind)
		if e == nil {
			t.Errorf("no %s edge %s → %s", tt.kind, tt.from, tt.to)
			continue
		}
		if e.Label != tt.label || e.Optional != tt.optional || e.Implicit != tt.implicit {
			t.Errorf("%s → %s: got (%q, optional %v, implicit %v), want (%q, %v, %v)",
				tt.from, tt.to, e.Label, e.Optional, e.Implicit, tt.label, tt.optional, tt.implicit)
		}
	}
	if len(g.Edges) != len(tests) {
		t.Errorf("got %d edges, want %d", len(g.Edges), len(tests))
	}
}

func TestNewNodes(t *testing.T) {
	g := New(shopSpec())
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	want := []string{"clients", "service.auth", "service.cache", "service.gateway", "service.mailer",
		"service.orders", "service.products", "service.products-db", "service.users", "queue.order-events"}
	if d := cmp.Diff(want, ids); d != "" {
		t.Errorf("node order (-want +got):\n%s", d)
	}
	gw := g.Node("service.gateway")
	wantGw := []string{
		"3 × 16 workers",
		"list_orders: auth → ∥{users (fallback), orders → products}",
		"create_order: auth → orders.create → ⇢order-events",
	}
	if d := cmp.Diff(wantGw, gw.Details); d != "" {
		t.Errorf("gateway details (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"kafka, 6 partitions"}, g.Node("queue.order-events").Details); d != "" {
		t.Errorf("queue details (-want +got):\n%s", d)
	}
}

func TestNewUndeclared(t *testing.T) {
	s := shopSpec()
	s.Services["gateway"].Endpoints[0].Flow.Children = append(s.Services["gateway"].Endpoints[0].Flow.Children, call("ghost"))
	g := New(s)
	n := g.Node("service.ghost")
	if n == nil || !isUndeclared(n) {
		t.Fatalf("call to an undeclared service: node %+v, want an undeclared placeholder", n)
	}
	if e := g.Edge("service.gateway", "service.ghost", EdgeCall); e == nil || !e.Implicit {
		t.Errorf("edge to the undeclared service: %+v, want an implicit call edge", e)
	}
}

func TestNewDeterministic(t *testing.T) {
	first := New(shopSpec())
	for i := 0; i < 20; i++ {
		g := New(shopSpec())
		if g.DOT() != first.DOT() || g.Mermaid() != first.Mermaid() {
			t.Fatal("two graphs of one spec render differently")
		}
	}
}

func TestServiceDetails(t *testing.T) {
	tests := []struct {
		name string
		svc  func() *lang.Service
		want []string
	}{
		{"no endpoints", func() *lang.Service { return svc("a", 1, 64) }, []string{"1 × 64 workers"}},
		{"one worker", func() *lang.Service { return svc("a", 2, 1) }, []string{"2 × 1 worker"}},
		{"sole local endpoint hidden", func() *lang.Service { return svc("a", 1, 4, ep("default", seq())) }, []string{"1 × 4 workers"}},
		{"several local endpoints listed", func() *lang.Service { return svc("a", 1, 4, ep("r", nil), ep("w", nil)) }, []string{"1 × 4 workers", "r", "w"}},
		{"async with image", func() *lang.Service {
			s := svc("a", 1, 4)
			s.Capacity.Model = lang.ModelAsync
			s.Image = "shop/a:1"
			return s
		}, []string{"1 × 4 workers, async", "image shop/a:1"}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, serviceDetails(tt.svc())); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
}
