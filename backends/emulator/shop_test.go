package emulator

import (
	"net/http"
	"testing"

	"github.com/berth-dev/berth/lang"
)

// TestShopExample loads examples/shop with the real loader, runs every
// service in-process and checks the seed's "user order list": auth, then
// users beside orders → products, each answered by its own emulator.
func TestShopExample(t *testing.T) {
	spec, diags := lang.NewLoader().Load("../../examples/shop", lang.Options{Environ: []string{}})
	if diags.HasErrors() {
		t.Fatalf("examples/shop: %v", diags)
	}
	c := newCluster(t)
	for _, s := range spec.SortedServices() {
		c.start(spec, s.Name, min(s.Replicas, 2))
	}
	code, _, r := c.get("gateway", "/list_orders")
	if code != http.StatusOK {
		t.Fatalf("list_orders: %d %+v", code, r)
	}
	var got []string
	for _, cr := range r.Calls {
		got = append(got, cr.Service)
		var b Response
		mustUnmarshal(t, cr.Body, &b)
		if cr.Status != 200 || b.Service != cr.Service {
			t.Errorf("call %s: status %d, body from %q", cr.Service, cr.Status, b.Service)
		}
	}
	if want := []string{"auth", "users", "orders", "products"}; !equal(got, want) {
		t.Errorf("calls %v; want %v", got, want)
	}
	code, _, r = c.get("gateway", "/create_order")
	if code != http.StatusOK || len(r.Published) != 1 || !r.Published[0].Accepted {
		t.Errorf("create_order: %d %+v", code, r)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
