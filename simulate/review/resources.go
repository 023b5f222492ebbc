package review

import (
	"cmp"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"

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
	// dists are the distributions among Attrs, by key, parsed: the
	// diff compares what they mean.
	dists map[string]lang.Dist
	Range hcl.Range
	// hidden lists the attribute paths whose values the review never shows
	// (a service's env derived from a sensitive variable, a secret's value).
	hidden []string
	// block finds attribute ranges in the source: the block type and
	// labels of the resource's HCL block ("link", "gateway", "orders").
	block []string
}

// resources returns every block of spec as a resource, sorted by address.
// The name attributes (name, from, to) are left out: they are the address;
// so is a secret's or config's path resolved against the spec directory
// (its file, as written, stays), and the project when it is the default
// (the directory's name) on both sides (defaultProject).
//
// The file of a secret or a config is read (from fsys, nil: the operating
// system) for its content: a secret's as a hash shown only as sensitive,
// a config's as text.
func resources(spec *lang.Spec, defaultProject bool, fsys fs.FS) []*resource {
	var out []*resource
	add := func(kind, name string, v any, rng hcl.Range, block ...string) *resource {
		fl := &flattener{out: planner.Attrs{}, dists: map[string]lang.Dist{}}
		fl.flatten("", reflect.ValueOf(v))
		attrs := fl.out
		for _, k := range []string{"name", "from", "to", "path"} {
			delete(attrs, k)
		}
		switch kind {
		case "service":
			// The paths of the values that derive from a sensitive
			// variable: bookkeeping (hidden), not an attribute.
			delete(attrs, "sensitive")
			// replicas is always set (default 1), so 0 is written: a
			// service scaled to nothing, not an attribute left out.
			if _, ok := attrs["replicas"]; !ok {
				attrs["replicas"] = 0
			}
		case "slo":
			// An slo block writes its bounds directly (p99 = "300ms"),
			// with no expect block around them as a scenario has.
			for k, v := range attrs {
				if b, ok := strings.CutPrefix(k, "expect."); ok {
					delete(attrs, k)
					attrs[b] = v
				}
			}
		}
		r := &resource{Address: kind + "." + name, Kind: kind, Name: name, Attrs: attrs, dists: fl.dists, Range: rng, block: block}
		out = append(out, r)
		return r
	}
	project := spec.Project
	if defaultProject {
		project = ""
	}
	add("berth", "project", struct {
		Project  string        `json:"project"`
		Backend  string        `json:"backend"`
		Nodes    int           `json:"nodes"`
		Defaults lang.Defaults `json:"defaults"`
	}{project, spec.Backend, spec.Nodes, spec.Defaults}, spec.DeclRange, "berth")
	for _, s := range spec.SortedServices() {
		add("service", s.Name, s, s.DeclRange, "service", serviceLabel(s)).hidden = s.Sensitive
	}
	for _, l := range spec.SortedLinks() {
		add("link", l.Key().String(), l, l.DeclRange, "link", l.From, l.To)
	}
	// The other blocks have one label, their name.
	for _, named := range []struct {
		kind   string
		sorted any // a []*lang.T; each T has Name and DeclRange
	}{
		{"queue", spec.SortedQueues()}, {"load", spec.SortedLoads()},
		{"scenario", spec.SortedScenarios()}, {"slo", spec.SortedSLOs()},
		{"network", spec.SortedNetworks()}, {"volume", spec.SortedVolumes()},
		{"secret", spec.SortedSecrets()}, {"config", spec.SortedConfigs()},
	} {
		list := reflect.ValueOf(named.sorted)
		for i := range list.Len() {
			block := list.Index(i).Elem()
			name := block.FieldByName("Name").String()
			rng := block.FieldByName("DeclRange").Interface().(hcl.Range)
			add(named.kind, name, list.Index(i).Interface(), rng, named.kind, name)
		}
	}
	hideSecretValues(spec, out)
	readFileContents(spec, out, fsys)
	slices.SortStableFunc(out, func(a, b *resource) int { return byKind(a.Kind, a.Name, b.Kind, b.Name) })
	return out
}

// kindOrder is the order of the changes in a review: the architecture
// first, then the traffic, then the plumbing.
var kindOrder = map[string]int{
	"berth": 0, "service": 1, "link": 2, "queue": 3, "load": 4, "scenario": 5, "slo": 6,
	"network": 7, "volume": 8, "secret": 9, "config": 10,
}

// byKind orders resources and changes by kindOrder, then by name.
func byKind(aKind, aName, bKind, bName string) int {
	if c := cmp.Compare(kindOrder[aKind], kindOrder[bKind]); c != 0 {
		return c
	}
	return strings.Compare(aName, bName)
}

// serviceLabel is the label of the block a service comes from (the block
// name of a for_each instance).
func serviceLabel(s *lang.Service) string {
	if s.BlockName != "" {
		return s.BlockName
	}
	return s.Name
}

// hideSecretValues gives each secret set by value a "value" attribute, its
// hash, so that a changed value is a change, shown only as sensitive.
func hideSecretValues(spec *lang.Spec, rs []*resource) {
	for _, r := range rs {
		if s := spec.Secrets[r.Name]; r.Kind == "secret" && s != nil && s.Value != nil {
			r.Attrs.Set("value", planner.ContentHash("", s.Value))
			r.hidden = []string{"value"}
		}
	}
}

// readFileContents gives each secret and config that names a file a
// "content" attribute: the secret's a hash, hidden like a value, the
// config's its text (the same attribute an inline content has, so moving
// it to a file is no change of content). A file that cannot be read adds
// nothing: the side's validation reports it.
func readFileContents(spec *lang.Spec, rs []*resource, fsys fs.FS) {
	read := os.ReadFile
	if fsys != nil {
		read = func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
	}
	for _, r := range rs {
		switch {
		case r.Kind == "secret" && spec.Secrets[r.Name] != nil && spec.Secrets[r.Name].Path != "":
			if b, err := read(spec.Secrets[r.Name].Path); err == nil {
				r.Attrs.Set("content", planner.ContentHash("", b))
				r.hidden = append(r.hidden, "content")
			}
		case r.Kind == "config" && spec.Configs[r.Name] != nil && spec.Configs[r.Name].Path != "":
			if b, err := read(spec.Configs[r.Name].Path); err == nil {
				r.Attrs.Set("content", string(b))
			}
		}
	}
}
