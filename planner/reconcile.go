package planner

import (
	"fmt"
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// SchemaFunc returns the schema of a resource type.
type SchemaFunc func(typ string) Schema

// Make compiles spec with target and reconciles it with obs: the whole
// planning pipeline. The Desired is returned too, for the contents of
// secrets and configs the executor writes.
func Make(target Target, spec *lang.Spec, obs *Observed) (*Plan, *Desired, hcl.Diagnostics) {
	desired, diags := target.Desired(spec)
	if diags.HasErrors() {
		return nil, nil, diags
	}
	HideSensitive(spec, desired.Resources)
	p, err := reconcile(target.Backend(), target.Schema, desired.Resources, desired.Groups, obs)
	if err != nil {
		return nil, nil, append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Cannot order the plan",
			Detail:   err.Error(),
			Subject:  spec.DeclRange.Ptr(),
		})
	}
	p.Project = desired.Project
	return p, desired, diags
}

// Reconcile compares the desired resources with the observed snapshot and
// returns the plan. It is deterministic: the same inputs give the same Plan
// (and the same String) whatever the order of the inputs.
func Reconcile(backend string, schema SchemaFunc, desired []*Resource, obs *Observed) (*Plan, error) {
	return reconcile(backend, schema, desired, nil, obs)
}

// reconcile is Reconcile knowing the replicated groups the spec declares
// (Desired.Groups), even those with no replica.
func reconcile(backend string, schema SchemaFunc, desired []*Resource, groups []Address, obs *Observed) (*Plan, error) {
	if obs == nil {
		obs = &Observed{}
	}
	p := &Plan{
		Project:             obs.Project,
		Backend:             backend,
		ObservedFingerprint: obs.Fingerprint(),
		Observed:            obs.Fingerprints(),
	}
	r := newReconciler(schema, desired, obs)
	r.project = obs.Project
	for _, g := range groups {
		r.declared[groupKey{g.Type, g.Name}] = true
	}
	for _, addr := range r.addresses() {
		c := r.change(addr)
		p.Changes = append(p.Changes, c)
		if d := r.drift(c); d != nil {
			p.Drift = append(p.Drift, d)
		}
	}
	r.forceReplacements(p.Changes)
	r.hintRenames(p.Changes)
	steps, err := buildSteps(p.Changes, r.byAddr(p.Changes))
	if err != nil {
		return nil, err
	}
	p.Steps = steps
	return p, nil
}

type groupKey struct{ typ, group string }

type reconciler struct {
	project  string // salts the hashes of hidden values
	schema   SchemaFunc
	desired  map[Address]*Resource
	observed map[Address]*ObservedResource
	// replica numbers per group, desired and observed
	wantN, haveN map[groupKey][]int
	declared     map[groupKey]bool // groups the spec has, with or without replicas
	unfinished   map[Address]bool  // deleted by an apply that stopped
}

func newReconciler(schema SchemaFunc, desired []*Resource, obs *Observed) *reconciler {
	r := &reconciler{
		schema:   schema,
		desired:  make(map[Address]*Resource, len(desired)),
		observed: make(map[Address]*ObservedResource, len(obs.Resources)),
		wantN:    map[groupKey][]int{},
		haveN:    map[groupKey][]int{},
		declared: map[groupKey]bool{},
	}
	for _, a := range obs.Unfinished {
		if r.unfinished == nil {
			r.unfinished = map[Address]bool{}
		}
		r.unfinished[a] = true
	}
	for _, d := range desired {
		r.desired[d.Address] = d
		if d.Index > 0 {
			k := groupKey{d.Type, d.Group}
			r.wantN[k] = append(r.wantN[k], d.Index)
		}
	}
	for _, o := range obs.Resources {
		r.observed[o.Address] = o
		if o.Index > 0 {
			k := groupKey{o.Type, o.Group}
			r.haveN[k] = append(r.haveN[k], o.Index)
		}
	}
	return r
}

func (r *reconciler) addresses() []Address {
	out := make([]Address, 0, len(r.desired)+len(r.observed))
	for a := range r.desired {
		out = append(out, a)
	}
	for a := range r.observed {
		if r.desired[a] == nil {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Less(out[j]) })
	return out
}

func (r *reconciler) byAddr(cs []*Change) map[Address]*Change {
	m := make(map[Address]*Change, len(cs))
	for _, c := range cs {
		m[c.Address] = c
	}
	return m
}

func (r *reconciler) change(addr Address) *Change {
	d, o := r.desired[addr], r.observed[addr]
	c := &Change{Address: addr, After: d, Before: o, Hidden: r.hiddenPaths(d, o)}
	sch := r.schema(addr.Type)
	c.CreateBeforeDestroy = sch.CreateBeforeDestroy
	if d != nil {
		c.Group, c.Index = d.Group, d.Index
		c.AfterHash = ConfigHash(d, sch)
	} else {
		c.Group, c.Index = o.Group, o.Index
	}
	switch {
	case o == nil:
		c.Action = Create
		c.Reasons = []Reason{r.createReason(d)}
	case d == nil:
		c.Action = Delete
		c.Reasons = []Reason{r.deleteReason(o)}
	default:
		c.Action, c.Reasons = r.compare(d, o, c.AfterHash, sch)
		r.hideReasons(c)
	}
	return c
}

// compare decides what an existing resource needs.
func (r *reconciler) compare(d *Resource, o *ObservedResource, hash string, sch Schema) (Action, []Reason) {
	intentSame := o.ConfigHash == hash
	action := NoOp
	var reasons []Reason
	for _, ad := range diffAttrs(d.Attrs, o.Attrs, o.Defaults) {
		mode := sch.Mode(ad.Path)
		note := o.Notes[ad.Path]
		drift := (intentSame && mode.Hashed() || note.Outside) && !note.Unfinished
		need := Replace
		switch {
		case (mode == ModeUpdate || mode == ModeLive) && ad.After == nil && sch.UnsetReplaces[ad.Path] != "":
			note.Why = sch.UnsetReplaces[ad.Path]
		case mode == ModeUpdate, mode == ModeLive:
			need = Update
		case mode == ModeRepair && (intentSame || note.Why != ""):
			// drift, or a state the backend explains (not the spec's
			// doing): repaired in place, even when a replacement is due
			need = Update
		}
		if f := sch.Explain[ad.Path]; f != nil && note.Why == "" {
			note.Why = f(ad.Before, ad.After)
		}
		reasons = append(reasons, Reason{
			Attribute: ad.Path, Before: ad.Before, After: ad.After,
			Action: need, Drift: drift, Message: note.Why,
			Sensitive: d.IsSensitive(ad.Path) || o.IsSensitive(ad.Path),
		})
		if need.rank() > action.rank() {
			action = need
		}
	}
	if !intentSame && action.rank() < Replace.rank() && !hasHashedDiff(reasons, sch) {
		// Something berth records changed that the engine does not show
		// (or berth's hashing did): the label must be rewritten.
		need := Replace
		if sch.Relabel {
			need = Update
		}
		reasons = append(reasons, Reason{Message: fmt.Sprintf("config-hash %.12s → %.12s", o.ConfigHash, hash), Action: need})
		if need.rank() > action.rank() {
			action = need
		}
	}
	return action, reasons
}

func hasHashedDiff(reasons []Reason, sch Schema) bool {
	for _, r := range reasons {
		if r.Attribute != "" && sch.Mode(r.Attribute).Hashed() {
			return true
		}
	}
	return false
}

// createReason explains a create: a new resource, a replica added by
// scaling, or a replica that vanished from between others (drift).
func (r *reconciler) createReason(d *Resource) Reason {
	if r.unfinished[d.Address] {
		return Reason{Action: Create, Message: "deleted by an earlier berth apply that stopped before creating it again"}
	}
	if d.Index == 0 {
		if user := r.unchangedUser(d.Address); user != nil {
			return Reason{Action: Create, Drift: true, Message: fmt.Sprintf("not found while %s (unchanged since berth made it) uses it: removed outside berth", user)}
		}
		return Reason{Action: Create, Message: "not found"}
	}
	k := groupKey{d.Type, d.Group}
	have := r.haveN[k]
	if len(have) == 0 {
		return Reason{Action: Create, Message: "not found"}
	}
	if top := slices.Max(have); top > d.Index {
		return Reason{Action: Create, Drift: true, Message: fmt.Sprintf("replica %d not found while replica %d exists: removed outside berth", d.Index, top)}
	}
	return Reason{Action: Create, Attribute: "replicas", Before: int64(len(have)), After: int64(len(r.wantN[k])), Message: "scale up"}
}

// unchangedUser returns a resource that uses addr and exists with the
// config hash the spec gives it now, or nil. berth made that resource
// after addr, for the same spec, so a missing addr was removed outside
// berth (a network removed by hand), not never made.
func (r *reconciler) unchangedUser(addr Address) *Address {
	var users []Address
	for _, d := range r.desired {
		o := r.observed[d.Address]
		if o == nil || o.ConfigHash == "" {
			continue
		}
		for _, dep := range d.Deps {
			if dep.To == addr && dep.Kind == DepUses {
				users = append(users, d.Address)
				break
			}
		}
	}
	sort.Slice(users, func(i, j int) bool { return users[i].Less(users[j]) })
	for _, u := range users {
		if r.observed[u].ConfigHash == ConfigHash(r.desired[u], r.schema(u.Type)) {
			return &u
		}
	}
	return nil
}

func (r *reconciler) deleteReason(o *ObservedResource) Reason {
	k := groupKey{o.Type, o.Group}
	if o.Index > 0 && (len(r.wantN[k]) > 0 || r.declared[k]) {
		return Reason{Action: Delete, Attribute: "replicas", Before: int64(len(r.haveN[k])), After: int64(len(r.wantN[k])), Message: "scale down"}
	}
	return Reason{Action: Delete, Message: "not in the spec"}
}

// forceReplacements replaces every resource that uses one being replaced
// delete-first (a network, a volume): the engine refuses to delete an
// object still in use, and the new one is another object.
func (r *reconciler) forceReplacements(cs []*Change) {
	by := r.byAddr(cs)
	for changed := true; changed; {
		changed = false
		for _, c := range cs {
			if c.After == nil || c.Before == nil || c.Action == Replace {
				continue
			}
			// Every replaced object it uses is a reason, not only the first.
			for _, dep := range c.After.Deps {
				dc := by[dep.To]
				if dep.Kind == DepUses && dc != nil && dc.Action == Replace && !dc.CreateBeforeDestroy {
					c.Action = Replace
					c.Reasons = append(c.Reasons, Reason{Action: Replace, Message: dep.To.String() + " is replaced"})
					changed = true
				}
			}
		}
	}
}

// drift returns what of c was changed outside berth, or nil.
func (r *reconciler) drift(c *Change) *Drift {
	var d *Drift
	for _, rs := range c.Reasons {
		if !rs.Drift {
			continue
		}
		if d == nil {
			d = &Drift{Address: c.Address, Kind: DriftChanged}
		}
		if c.Action == Create {
			d.Kind = DriftDeleted
			d.Attributes = append(d.Attributes, Reason{Message: rs.Message, Action: Create, Drift: true})
			continue
		}
		// Before = what berth applied, After = what the engine runs.
		d.Attributes = append(d.Attributes, Reason{
			Attribute: rs.Attribute, Before: rs.After, After: rs.Before,
			Action: rs.Action, Drift: true, Sensitive: rs.Sensitive, Message: rs.Message,
		})
	}
	return d
}
