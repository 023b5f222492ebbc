package planner

import (
	"fmt"
	"strings"
	"testing"
)

// TestRenameHint: a service renamed in the spec plans as the old name's
// containers deleted and the new name's created; each of those changes
// says the other has the same configuration (berth has no moved
// block), where they said only "not in the spec" and "not found". A
// new service with another image, or a group scaled to zero, gets no
// hint.
func TestRenameHint(t *testing.T) {
	named := func(rs []*Resource) []*Resource { // the name carries the group's, as the engine's does
		return with(rs, func(r *Resource) { r.Attrs.Set("name", fmt.Sprintf("p-%s-%d", r.Group, r.Index)) })
	}
	obs := applied(t, concat(one(network("backend")), named(service("web", 2, "app:1", "backend")), named(service("db", 1, "pg:1", "backend"))))
	reasons := func(p *Plan) map[string]string {
		out := map[string]string{}
		for _, c := range p.Changes {
			var rs []string
			for _, r := range c.Reasons {
				rs = append(rs, r.String())
			}
			out[c.Address.String()] = strings.Join(rs, "; ")
		}
		return out
	}

	p, err := Reconcile("test", testSchema, concat(one(network("backend")), named(service("www", 2, "app:1", "backend")), named(service("db", 1, "pg:1", "backend"))), obs)
	if err != nil {
		t.Fatal(err)
	}
	got := reasons(p)
	for _, addr := range []string{"container.web[1]", "container.web[2]"} {
		if !strings.Contains(got[addr], `same configuration as "www", which is created`) || !strings.Contains(got[addr], "moved") {
			t.Errorf("%s: %q; want the rename hint naming www", addr, got[addr])
		}
	}
	for _, addr := range []string{"container.www[1]", "container.www[2]"} {
		if !strings.Contains(got[addr], `same configuration as "web", which is deleted`) {
			t.Errorf("%s: %q; want the rename hint naming web", addr, got[addr])
		}
	}

	// Another image: two unrelated services, no hint. Scaled to zero
	// (declared, no replica): a scale-down, no hint.
	p, err = Reconcile("test", testSchema, concat(one(network("backend")), named(service("www", 2, "app:2", "backend")), named(service("db", 1, "pg:1", "backend"))), obs)
	if err != nil {
		t.Fatal(err)
	}
	for addr, r := range reasons(p) {
		if strings.Contains(r, "same configuration") {
			t.Errorf("another image: %s: %q; want no rename hint", addr, r)
		}
	}
	r := newReconciler(testSchema, concat(one(network("backend")), named(service("www", 2, "app:1", "backend")), named(service("db", 1, "pg:1", "backend"))), obs)
	r.declared[groupKey{"container", "web"}] = true
	var cs []*Change
	for _, a := range r.addresses() {
		cs = append(cs, r.change(a))
	}
	r.hintRenames(cs)
	for _, c := range cs {
		for _, rs := range c.Reasons {
			if strings.Contains(rs.Message, "same configuration") {
				t.Errorf("web scaled to zero: %s: %q; want no rename hint", c.Address, rs.Message)
			}
		}
	}
}
