package review

import (
	"reflect"
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// resource is one block of a spec as the structural diff sees it.
type resource struct {
	Address string // "service.orders", "link.gateway->orders"
	Kind    string // "service", "link", ...
	Name    string
	Attrs   planner.Attrs
	Range   hcl.Range
	// block finds attribute ranges in the source: the block type and
	// labels of the resource's HCL block ("link", "gateway", "orders").
	block []string
}

// resources returns every block of spec as a resource, sorted by address.
// The name attributes (name, from, to) are left out: they are the address;
// so is a secret's or config's path resolved against the spec directory
// (its file, as written, stays).
func resources(spec *lang.Spec) []*resource {
	var out []*resource
	add := func(kind, name string, v any, rng hcl.Range, block ...string) {
		attrs := planner.Attrs{}
		flatten("", reflect.ValueOf(v), attrs)
		for _, k := range []string{"name", "from", "to", "path"} {
			delete(attrs, k)
		}
		out = append(out, &resource{Address: kind + "." + name, Kind: kind, Name: name, Attrs: attrs, Range: rng, block: block})
	}
	add("berth", "project", struct {
		Project  string        `json:"project"`
		Backend  string        `json:"backend"`
		Nodes    int           `json:"nodes"`
		Defaults lang.Defaults `json:"defaults"`
	}{spec.Project, spec.Backend, spec.Nodes, spec.Defaults}, spec.DeclRange, "berth")
	for _, s := range spec.SortedServices() {
		add("service", s.Name, s, s.DeclRange, "service", serviceLabel(s))
	}
	for _, l := range spec.SortedLinks() {
		add("link", l.Key().String(), l, l.DeclRange, "link", l.From, l.To)
	}
	for _, q := range spec.SortedQueues() {
		add("queue", q.Name, q, q.DeclRange, "queue", q.Name)
	}
	for _, l := range spec.SortedLoads() {
		add("load", l.Name, l, l.DeclRange, "load", l.Name)
	}
	for _, s := range spec.SortedScenarios() {
		add("scenario", s.Name, s, s.DeclRange, "scenario", s.Name)
	}
	for _, s := range spec.SortedSLOs() {
		add("slo", s.Name, s, s.DeclRange, "slo", s.Name)
	}
	for _, n := range spec.SortedNetworks() {
		add("network", n.Name, n, n.DeclRange, "network", n.Name)
	}
	for _, v := range spec.SortedVolumes() {
		add("volume", v.Name, v, v.DeclRange, "volume", v.Name)
	}
	for _, s := range spec.SortedSecrets() {
		add("secret", s.Name, s, s.DeclRange, "secret", s.Name)
	}
	for _, c := range spec.SortedConfigs() {
		add("config", c.Name, c, c.DeclRange, "config", c.Name)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if kindOrder[out[i].Kind] != kindOrder[out[j].Kind] {
			return kindOrder[out[i].Kind] < kindOrder[out[j].Kind]
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// kindOrder is the order of the changes in a review: the architecture
// first, then the traffic, then the plumbing.
var kindOrder = map[string]int{
	"berth": 0, "service": 1, "link": 2, "queue": 3, "load": 4, "scenario": 5, "slo": 6,
	"network": 7, "volume": 8, "secret": 9, "config": 10,
}

// serviceLabel is the label of the block a service comes from (the block
// name of a for_each instance).
func serviceLabel(s *lang.Service) string {
	if s.BlockName != "" {
		return s.BlockName
	}
	return s.Name
}
