package graph

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// diffSpecs returns an old shop and a new one in which the orders timeout
// drops and gains a retry, users is removed, and a search service appears.
func diffSpecs() (old, new *lang.Spec) {
	old, new = shopSpec(), shopSpec()
	new.Links[lang.LinkKey{From: "gateway", To: "orders"}] = link("gateway", "orders", 200*time.Millisecond, 4, true)
	gw := new.Services["gateway"]
	gw.Endpoints[0].Flow = seq(call("auth"), par(call("search"), seq(call("orders"), call("products"))))
	delete(new.Services, "users")
	delete(new.Links, lang.LinkKey{From: "gateway", To: "users"})
	new.Services["search"] = svc("search", 2, 8)
	new.Links[lang.LinkKey{From: "gateway", To: "search"}] = link("gateway", "search", 80*time.Millisecond, 0, false)
	return old, new
}

func TestMerge(t *testing.T) {
	old, new := diffSpecs()
	g := Merge(New(old), New(new))
	nodes := map[string]Status{
		"service.users":   StatusRemoved,
		"service.search":  StatusAdded,
		"service.gateway": StatusChanged, // its list_orders line changed
		"service.orders":  StatusSame,
		"clients":         StatusSame,
	}
	for id, want := range nodes {
		n := g.Node(id)
		if n == nil {
			t.Errorf("merged graph lacks node %s", id)
			continue
		}
		if n.Status != want {
			t.Errorf("node %s: status %q, want %q", id, n.Status, want)
		}
	}
	edges := map[string]Status{
		"service.users":    StatusRemoved,
		"service.search":   StatusAdded,
		"service.orders":   StatusChanged,
		"service.products": StatusSame,
	}
	for to, want := range edges {
		e := g.Edge("service.gateway", to, EdgeCall)
		if e == nil {
			t.Errorf("merged graph lacks gateway → %s", to)
			continue
		}
		if e.Status != want {
			t.Errorf("edge gateway → %s: status %q, want %q", to, e.Status, want)
		}
	}
}

func TestMergeLeavesInputs(t *testing.T) {
	old, new := diffSpecs()
	og, ng := New(old), New(new)
	before := og.DOT() + ng.DOT()
	_ = Merge(og, ng)
	if og.DOT()+ng.DOT() != before {
		t.Error("Merge modified its inputs")
	}
}

func TestMergeSame(t *testing.T) {
	g := Merge(New(shopSpec()), New(shopSpec()))
	for _, n := range g.Nodes {
		if n.Status != StatusSame {
			t.Errorf("node %s of identical specs: %q", n.ID, n.Status)
		}
	}
	for _, e := range g.Edges {
		if e.Status != StatusSame {
			t.Errorf("edge %v of identical specs: %q", e.Key(), e.Status)
		}
	}
}
