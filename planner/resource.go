package planner

import "sort"

// DepKind says what a dependency means.
type DepKind string

const (
	// DepUses: the resource uses the other one (a container on a network,
	// a volume, a secret). When the other is replaced (deleted, then made
	// again), the user is replaced too.
	DepUses DepKind = "uses"
	// DepStartAfter: start order only (depends_on, a caller after its
	// callees). Nothing is forced.
	DepStartAfter DepKind = "start_after"
)

// Dep is an edge from a resource to one it depends on.
type Dep struct {
	To   Address `json:"to"`
	Kind DepKind `json:"kind"`
}

// Resource is one object a backend manages, desired or observed.
type Resource struct {
	Address
	// Group is the model object the resource comes from (the service of a
	// container); Index is the replica number within it, from 1. Singletons
	// have Index 0.
	Group string `json:"group,omitempty"`
	Index int    `json:"index,omitempty"`
	Attrs Attrs  `json:"attrs"`
	// Sensitive lists attribute paths whose values are hashes of secret
	// content ("content", "secrets.jwt"); they render as (sensitive).
	Sensitive []string `json:"sensitive,omitempty"`
	// Hidden lists attribute paths whose values are real but derive from a
	// sensitive variable ("env.KEY"): the executor uses them, every view of
	// the plan shows their hash instead (see hidden.go). Never written.
	Hidden []string `json:"-"`
	Deps   []Dep    `json:"deps,omitempty"`
	// Source is where the content of a secret or config is read from when
	// the plan is applied (a file path). It is not an attribute: moving the
	// file changes nothing.
	Source string `json:"source,omitempty"`
}

// Clone returns a deep copy.
func (r *Resource) Clone() *Resource {
	c := *r
	c.Attrs = r.Attrs.Clone()
	c.Sensitive = append([]string(nil), r.Sensitive...)
	c.Hidden = append([]string(nil), r.Hidden...)
	c.Deps = append([]Dep(nil), r.Deps...)
	return &c
}

// IsSensitive reports whether the attribute path is sensitive (a hash of
// secret content, or hidden): the path itself or its attribute is listed.
func (r *Resource) IsSensitive(path string) bool {
	return PathIn(r.Sensitive, path) || PathIn(r.Hidden, path)
}

// sortResources sorts by address.
func sortResources[R interface{ addr() Address }](rs []R) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].addr().Less(rs[j].addr()) })
}

func (r *Resource) addr() Address { return r.Address }
