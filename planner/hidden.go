package planner

import (
	"fmt"
	"sort"
	"strings"

	"github.com/berth-dev/berth/lang"
)

// Values derived from a sensitive variable (a service's env key) are real
// in the desired attributes, since the executor must give them to the
// container, but the plan never shows them: Resource.Hidden lists their
// paths, and every view of the plan (reasons, JSON, the text) carries
// ContentHash of the value instead, marked sensitive like a secret's
// content. A plan file therefore cannot apply them (JSONPlan.Plan says so).

// HideSensitive lists, on each resource compiled from a service, the
// attribute paths the service's model marks sensitive (lang.Service's
// Sensitive: "env.KEY", or "env" for all of it).
func HideSensitive(spec *lang.Spec, rs []*Resource) {
	for _, r := range rs {
		svc := spec.Services[r.Group]
		if svc == nil || len(svc.Sensitive) == 0 {
			continue
		}
		r.Hidden = append([]string(nil), svc.Sensitive...)
		sort.Strings(r.Hidden)
	}
}

// hiddenPaths are the paths a change hides on both of its sides: the
// desired resource's, else (a deletion) those of another replica of its
// group, else the whole env, since the engine does not record which of an
// observed container's values were sensitive.
func (r *reconciler) hiddenPaths(d *Resource, o *ObservedResource) []string {
	if d != nil {
		return d.Hidden
	}
	for _, other := range r.desired {
		if other.Group != "" && other.Group == o.Group && other.Type == o.Type {
			return other.Hidden
		}
	}
	if _, ok := o.Attrs["env"]; ok {
		return []string{"env"}
	}
	return nil
}

// PathIn reports whether the attribute path ("env.KEY") is one of paths
// or inside one ("env").
func PathIn(paths []string, path string) bool {
	for _, p := range paths {
		if p == path || strings.HasPrefix(path, p+".") {
			return true
		}
	}
	return false
}

// hideValue is what the plan shows for a hidden value: the hash of a
// string, a map's values each hashed, a list's elements each hashed.
func hideValue(project string, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return ContentHash(project, []byte(x))
	case map[string]string:
		out := make(map[string]string, len(x))
		for k, e := range x {
			out[k] = ContentHash(project, []byte(e))
		}
		return out
	case []string:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = ContentHash(project, []byte(e))
		}
		return out
	}
	return ContentHash(project, []byte(fmt.Sprint(v)))
}

// hideAttrs returns a copy of a with every hidden path's value hashed (a
// itself when nothing is hidden).
func hideAttrs(project string, a Attrs, paths []string) Attrs {
	if len(paths) == 0 || a == nil {
		return a
	}
	out := a.Clone()
	for k, v := range out {
		if PathIn(paths, k) {
			out[k] = hideValue(project, v)
			continue
		}
		m, ok := v.(map[string]string)
		if !ok {
			continue
		}
		for mk, mv := range m {
			if PathIn(paths, k+"."+mk) {
				m[mk] = ContentHash(project, []byte(mv))
			}
		}
	}
	return out
}

// unionPaths merges sorted path lists.
func unionPaths(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, p := range l {
			if !contains(out, p) {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// errHiddenValues says a plan file cannot create c: it does not carry the
// values it hides.
func errHiddenValues(c *JSONChange) error {
	return fmt.Errorf("%s needs the value of %s, which derives from a sensitive variable; a plan file carries only its hash. Apply the spec directory instead (berth apply DIR)",
		c.Address, strings.Join(c.Hidden, ", "))
}

// hideReasons hashes the values of c's reasons about hidden paths.
func (r *reconciler) hideReasons(c *Change) {
	for i, rs := range c.Reasons {
		if rs.Attribute != "" && PathIn(c.Hidden, rs.Attribute) {
			rs.Before, rs.After = hideValue(r.project, rs.Before), hideValue(r.project, rs.After)
			rs.Sensitive = true
			c.Reasons[i] = rs
		}
	}
}
