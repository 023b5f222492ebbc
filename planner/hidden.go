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

// errHiddenValues says a plan file cannot create c by itself: it does
// not carry the values it hides (JSONPlan.PlanWith takes them from the
// spec compiled again).
func errHiddenValues(c *Change) error {
	return fmt.Errorf("%s needs the value of %s, which derives from a sensitive variable; a plan file carries only its hash, so the spec must be read again (with the same variables) to apply it",
		c.Address, strings.Join(c.Hidden, ", "))
}

// needsValues reports whether executing c needs values a plan file does
// not carry: the hidden values of what it creates or updates, or the
// content of a secret or config that comes from a value, not a file.
func needsValues(c *Change) bool {
	if c.After == nil || c.Action == NoOp || c.Action == Delete {
		return false
	}
	return (len(c.Hidden) > 0 && c.afterHashed) || needsContent(c)
}

func needsContent(c *Change) bool {
	return (c.Action == Create || c.Action == Replace) && c.After.Source == "" && c.After.Attrs.String("content") != ""
}

// NeedsValues lists the addresses of the plan's changes that need values
// the file does not carry, derived from sensitive variables or given as a
// secret's value: apply compiles the spec again and gives its resources to
// PlanWith.
func (jp *JSONPlan) NeedsValues() ([]string, error) {
	p, err := jp.build()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range p.Changes {
		if needsValues(c) {
			out = append(out, c.Address.String())
		}
	}
	return out, nil
}

// ValueProblem is a value a plan file needs that the spec compiled again
// does not give as it was when the plan was made.
type ValueProblem struct {
	Address string // container.api[1]
	Path    string // env.KEY, or content
	Planned string // the hash in the plan
	Got     string // the hash of the value now; empty when there is none
}

func (vp ValueProblem) String() string {
	if vp.Got == "" {
		return fmt.Sprintf("%s: %s has no value now (the plan has (sensitive) %s)", vp.Address, vp.Path, vp.Planned)
	}
	return fmt.Sprintf("%s: %s is not the value the plan was made with (it hashes to %s, the plan has %s)", vp.Address, vp.Path, vp.Got, vp.Planned)
}

// ValuesError lists every value a plan file needs that the spec compiled
// again does not give as planned. Nothing of the plan may run then.
type ValuesError struct{ Problems []ValueProblem }

func (e *ValuesError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, vp := range e.Problems {
		lines[i] = "  " + vp.String()
	}
	return "the values the plan file does not carry differ from those it was made with:\n" + strings.Join(lines, "\n")
}

// fillValues puts into p (read from a plan file) the values it needs from
// d, the spec compiled again at apply time: each hidden value, and the
// content of each secret or config that has no file, after checking that
// its hash is the plan's. It returns those contents, for the executor.
// Either every value is there and as planned, or p is left unusable and
// the error lists every problem. With d nil, a plan that needs values is
// refused.
func fillValues(p *Plan, d *Desired) (map[Address][]byte, error) {
	var problems []ValueProblem
	contents := map[Address][]byte{}
	desired := map[Address]*Resource{}
	if d != nil {
		for _, r := range d.Resources {
			desired[r.Address] = r
		}
	}
	for _, c := range p.Changes {
		if !needsValues(c) {
			continue
		}
		if d == nil {
			if len(c.Hidden) > 0 {
				return nil, errHiddenValues(c)
			}
			continue // the executor says the content is not at hand
		}
		real := desired[c.Address]
		if len(c.Hidden) > 0 && c.afterHashed {
			problems = append(problems, fillHidden(p.Project, c, real)...)
		}
		if needsContent(c) {
			want := c.After.Attrs.String("content")
			b, ok := d.Contents[c.Address]
			switch got := ContentHash(p.Project, b); {
			case !ok:
				problems = append(problems, ValueProblem{Address: c.Address.String(), Path: "content", Planned: want})
			case got != want:
				problems = append(problems, ValueProblem{Address: c.Address.String(), Path: "content", Planned: want, Got: got})
			default:
				contents[c.Address] = b
			}
		}
	}
	if len(problems) > 0 {
		return nil, &ValuesError{Problems: problems}
	}
	return contents, nil
}

// fillHidden replaces the hashes of c.After's hidden values by the values
// of real that hash to them, and reports every one it cannot. The plan
// decides which keys there are: a key the spec has now and the plan did
// not is not applied, so it is no problem.
func fillHidden(project string, c *Change, real *Resource) []ValueProblem {
	var realAttrs Attrs
	if real != nil {
		realAttrs = real.Attrs
	}
	filled := c.After.Attrs.Clone()
	var problems []ValueProblem
	check := func(path, planned string, value string, ok bool) bool {
		vp := ValueProblem{Address: c.Address.String(), Path: path, Planned: planned}
		if ok {
			if vp.Got = ContentHash(project, []byte(value)); vp.Got == planned {
				return true
			}
		}
		problems = append(problems, vp)
		return false
	}
	for _, attr := range c.After.Attrs.Keys() {
		switch planned := filled[attr].(type) {
		case map[string]string:
			realMap, _ := realAttrs[attr].(map[string]string)
			keys := make([]string, 0, len(planned))
			for k := range planned {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if !PathIn(c.Hidden, attr+"."+k) {
					continue
				}
				v, ok := realMap[k]
				if check(attr+"."+k, planned[k], v, ok) {
					planned[k] = v
				}
			}
		case string:
			if !PathIn(c.Hidden, attr) {
				continue
			}
			v, ok := realAttrs[attr].(string)
			if check(attr, planned, v, ok) {
				filled[attr] = v
			}
		case []string:
			if !PathIn(c.Hidden, attr) {
				continue
			}
			realList, _ := realAttrs[attr].([]string)
			for i, h := range planned {
				v, ok := "", i < len(realList)
				if ok {
					v = realList[i]
				}
				if check(fmt.Sprintf("%s[%d]", attr, i), h, v, ok) {
					planned[i] = v
				}
			}
			if len(realList) > len(planned) {
				problems = append(problems, ValueProblem{Address: c.Address.String(), Path: attr, Planned: fmt.Sprintf("%d values", len(planned)), Got: fmt.Sprintf("%d values", len(realList))})
			}
		}
	}
	if len(problems) == 0 {
		c.After.Attrs, c.afterHashed = filled, false
	}
	return problems
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
