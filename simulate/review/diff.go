package review

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// Change is one resource that differs between the two sides.
type Change struct {
	Address string         `json:"address"`
	Kind    string         `json:"kind"`
	Name    string         `json:"name"`
	Action  planner.Action `json:"action"` // create, update or delete
	// Attributes lists what differs, attribute by attribute (every
	// attribute of a created or deleted resource).
	Attributes []AttrChange `json:"attributes"`
	// Pos is "file:line" of the block: on the NEW side, or on the OLD side
	// for a deletion.
	Pos string `json:"pos,omitempty"`
	// Hint explains a delete and a create that look like a rename (the
	// same attributes but the name), as berth plan does.
	Hint string `json:"hint,omitempty"`
	// From lists, for a created or deleted instance of a for_each, the
	// changed variables and locals the for_each reads (forEachFrom).
	From []Ref `json:"from,omitempty"`
	// renamedFrom is the address of the deleted resource a created one
	// looks renamed from.
	renamedFrom string
}

// AttrChange is one attribute difference in the plan's reason format
// (planner.Reason: attribute, before, after, action), with where the NEW
// side sets it, or where the OLD side set it when the change removes it
// (onOld).
type AttrChange struct {
	planner.Reason
	Pos string `json:"pos,omitempty"`
	// From lists the changed variables and locals the attribute reads: what the
	// pull request edited to change it.
	From []Ref `json:"from,omitempty"`
	// Default marks an attribute that a change brings or takes away
	// without its block writing it: its kind's default (markDefaults).
	Default bool `json:"default,omitempty"`
	onOld   bool
}

// diffResources compares the resources of two sides by address. src
// finds attribute positions on the NEW side (OLD for deletions); vars
// are the changed variables (changedRefs) an updated attribute may read.
func diffResources(old, new []*resource, oldSrc, newSrc *sources, vars map[string]string) []Change {
	oldBy := map[string]*resource{}
	for _, r := range old {
		oldBy[r.Address] = r
	}
	var out []Change
	for _, n := range new {
		o := oldBy[n.Address]
		delete(oldBy, n.Address)
		if o == nil {
			c := change(n, planner.Create, diffAttrs(nil, n.Attrs), n.hidden, newSrc)
			c.markDefaults(nil, n, oldSrc, newSrc)
			c.forEachFrom(n, newSrc, vars)
			out = append(out, c)
			continue
		}
		if d := sameDists(diffAttrs(o.Attrs, n.Attrs), o.dists, n.dists); len(d) > 0 {
			c := change(n, planner.Update, d, append(slices.Clip(o.hidden), n.hidden...), newSrc)
			c.removedAtOld(o, oldSrc)
			c.fromVariables(n, newSrc, vars)
			c.markDefaults(o, n, oldSrc, newSrc)
			c.flowAtCall(o, n, oldSrc, newSrc)
			out = append(out, c)
		}
	}
	for _, o := range old {
		if oldBy[o.Address] != nil {
			c := change(o, planner.Delete, diffAttrs(o.Attrs, nil), o.hidden, oldSrc)
			c.markDefaults(o, nil, oldSrc, newSrc)
			c.forEachFrom(o, oldSrc, vars)
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int { return byKind(a.Kind, a.Name, b.Kind, b.Name) })
	hintRenames(out, old, new)
	return out
}

// change makes the Change of r. The values of hidden paths are dropped:
// the reason says only that a sensitive value changed.
func change(r *resource, action planner.Action, reasons []planner.Reason, hidden []string, src *sources) Change {
	c := Change{Address: r.Address, Kind: r.Kind, Name: r.Name, Action: action, Pos: pos(r.Range)}
	for _, rs := range reasons {
		rs.Action = action
		if planner.PathIn(hidden, rs.Attribute) {
			rs = hiddenReason(rs)
		}
		ac := AttrChange{Reason: rs}
		if action != planner.Delete || src != nil {
			if rng, ok := src.attrRange(r.block, r.Range, rs.Attribute); ok {
				ac.Pos = pos(rng)
			}
		}
		c.Attributes = append(c.Attributes, ac)
	}
	return c
}

// removedAtOld points the attributes an update removes at the line of
// the OLD side that set them (old, in oldSrc): the NEW side has none, and
// the block's line said nothing of what went. So does an attribute the
// NEW side has no line for, as a link made implicit by removing its
// block (implicit: false → true), at the block removed.
func (c *Change) removedAtOld(old *resource, oldSrc *sources) {
	for i, a := range c.Attributes {
		removed := a.After == nil && (a.Before != nil || a.Message == "sensitive value removed")
		if !removed && (a.Pos != "" || a.Before == nil) {
			continue
		}
		if rng, ok := oldSrc.attrRange(old.block, old.Range, a.Attribute); ok {
			c.Attributes[i].Pos, c.Attributes[i].onOld = pos(rng), true
		}
	}
}

// diffAttrs compares two attribute maps key by key (a nil map is an
// absent resource, maps key by key: "env.LOG_LEVEL") as the planner does,
// and returns a reason per key that differs, sorted.
func diffAttrs(before, after planner.Attrs) []planner.Reason {
	var out []planner.Reason
	for _, d := range planner.DiffAttrs(before, after) {
		rs := planner.Reason{Attribute: d.Path, Before: d.Before, After: d.After}
		if before != nil && after != nil {
			// Attrs keep no false: a bool turned off reads false, not (none).
			if _, ok := rs.Before.(bool); ok && rs.After == nil {
				rs.After = false
			} else if _, ok := rs.After.(bool); ok && rs.Before == nil {
				rs.Before = false
			}
		}
		out = append(out, rs)
	}
	return out
}

// sameDists drops the reasons about a distribution written differently
// on the two sides but the same ("lognormal(1ms,5ms)" and
// "lognormal(1ms, 5ms)", "exp(2ms)" and "exp(2000us)"), as a duration
// written "60s" and "1m" is no change.
func sameDists(reasons []planner.Reason, old, new map[string]lang.Dist) []planner.Reason {
	out := reasons[:0]
	for _, rs := range reasons {
		o, ok1 := old[rs.Attribute]
		n, ok2 := new[rs.Attribute]
		if ok1 && ok2 && o.Kind == n.Kind && slices.Equal(o.Params, n.Params) {
			continue
		}
		out = append(out, rs)
	}
	return out
}

// String is the canonical text of a change, one line for the resource
// and one per attribute: "update link.gateway->orders" then
// "  timeout: \"300ms\" → \"100ms\"".
func (c Change) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", c.Action, c.Address)
	if c.Hint != "" {
		b.WriteString("\n  (" + c.Hint + ")")
	}
	for _, a := range c.Attributes {
		b.WriteString("\n  " + a.text(nil))
	}
	return b.String()
}

// hiddenReason is the reason about a sensitive attribute: no values, a
// message saying what happened to it.
func hiddenReason(rs planner.Reason) planner.Reason {
	switch {
	case rs.Before == nil:
		rs.Message = "sensitive value set"
	case rs.After == nil:
		rs.Message = "sensitive value removed"
	default:
		rs.Message = "sensitive value changed"
	}
	rs.Before, rs.After, rs.Sensitive = nil, nil, true
	return rs
}

// text is "attr: before → after", or "attr: (sensitive value changed)";
// wrap, when not nil, wraps the attribute and each value (a markdown code
// span).
func (a AttrChange) text(wrap func(string) string) string {
	if wrap == nil {
		wrap = func(s string) string { return s }
	}
	if a.Sensitive {
		return wrap(a.Attribute) + ": (" + a.Message + ")"
	}
	return fmt.Sprintf("%s: %s → %s", wrap(a.Attribute), wrap(attrValue(a.Before)), wrap(attrValue(a.After)))
}

// maxShown is the longest one-line text a review shows in full.
const maxShown = 1000

// attrValue writes a value as the plan does, except that a one-line text
// up to maxShown bytes is shown in full, not as a hash: the flow of an
// endpoint that fans out to a dozen shards is what the reviewer reads.
// A longer or multi-line text (a config's content) stays a hash.
func attrValue(v any) string {
	if s, ok := v.(string); ok && len(s) <= maxShown && !strings.ContainsAny(s, "\n\r") {
		return strconv.Quote(s)
	}
	return planner.FormatValue(v)
}
