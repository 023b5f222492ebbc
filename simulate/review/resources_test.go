package review

import (
	"slices"
	"testing"
	"testing/fstest"
)

// Every block of the shop (and an inline config) becomes one resource,
// named and placed, in kind then name order.
func TestResourcesEveryBlock(t *testing.T) {
	fsys := editedShop(t, "main.berth.hcl")
	fsys["shop/config.berth.hcl"] = &fstest.MapFile{Data: []byte("config \"nginx\" {\n  content = \"x\"\n}\n")}
	spec := side(t, "shop", "shop", fsys).Spec
	want := map[string]int{
		"berth": 1, "service": len(spec.Services), "link": len(spec.Links), "queue": len(spec.Queues),
		"load": len(spec.Loads), "scenario": len(spec.Scenarios), "slo": len(spec.SLOs),
		"network": len(spec.Networks), "volume": len(spec.Volumes), "secret": len(spec.Secrets), "config": len(spec.Configs),
	}
	rs := resources(spec, false, nil)
	got := map[string]int{}
	for _, r := range rs {
		got[r.Kind]++
		if r.Name == "" || r.Address != r.Kind+"."+r.Name || r.Range.Filename == "" || len(r.block) == 0 {
			t.Errorf("resource %+v: no name, address, range or block", r)
		}
		if r.Kind == "load" && r.Attrs.String("entry.service") == "" {
			t.Errorf("%s has no entry.service: %v", r.Address, r.Attrs)
		}
	}
	for kind, n := range want {
		if n == 0 || got[kind] != n {
			t.Errorf("%d resources of kind %s, want %d (and more than 0)", got[kind], kind, n)
		}
	}
	if !slices.IsSortedFunc(rs, func(a, b *resource) int { return byKind(a.Kind, a.Name, b.Kind, b.Name) }) {
		t.Error("resources are not in kind, then name, order")
	}
}
