package planner

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// FormatVersion is the version of the JSON plan format. A reader refuses
// plans of another major version.
const FormatVersion = "1.0"

// JSONPlan is the machine form of a Plan (berth plan --json, -out). The
// human view is rendered from it, so the two always agree. It holds no
// secret: secret contents are hashes, marked sensitive.
type JSONPlan struct {
	FormatVersion string `json:"format_version"`
	Project       string `json:"project"`
	Backend       string `json:"backend"`
	// SpecDir and Options are set by the CLI: where the plan came from and
	// how (--emulate), so apply can say what it is applying.
	SpecDir string            `json:"spec_dir,omitempty"`
	Options map[string]string `json:"options,omitempty"`
	// Variables are the values the plan was made with (see
	// variables.go), set by the CLI; apply of the plan file uses them.
	// A spec without variables writes {}: omitted, it read as a plan of
	// an older berth that records none, and apply took any -var silently.
	Variables map[string]*JSONVariable `json:"variables"`

	ObservedFingerprint string `json:"observed_fingerprint"`
	// ObservedResources is the fingerprint of every observed resource, so a
	// stale plan can say what changed.
	ObservedResources map[string]string `json:"observed_resources"`

	ResourceChanges []*JSONChange `json:"resource_changes"`
	Drift           []*JSONDrift  `json:"drift"`
	Steps           []*JSONStep   `json:"steps"`
	Summary         JSONSummary   `json:"summary"`
}

// JSONChange is one resource's change.
type JSONChange struct {
	Address         string   `json:"address"`
	Type            string   `json:"type"`
	Name            string   `json:"name"`
	Group           string   `json:"group,omitempty"`
	Index           int      `json:"index,omitempty"`
	Actions         []string `json:"actions"`
	Before          Attrs    `json:"before"`
	After           Attrs    `json:"after"`
	BeforeSensitive any      `json:"before_sensitive"`
	AfterSensitive  any      `json:"after_sensitive"`
	Reasons         []Reason `json:"reasons"`

	// What the executor needs besides the attributes.
	ID               string   `json:"id,omitempty"`                 // engine id of the observed object
	BeforeConfigHash string   `json:"before_config_hash,omitempty"` // recorded on the observed object
	ConfigHash       string   `json:"config_hash,omitempty"`        // of After
	Status           string   `json:"status,omitempty"`             // of the observed object
	Unready          string   `json:"unready,omitempty"`            // why the observed object is not ready (ObservedResource.Unready)
	DependsOn        []string `json:"depends_on,omitempty"`         // After's dependencies
	Source           string   `json:"source,omitempty"`             // where a secret or config is read from
	// Hidden lists the paths whose before and after values are hashes of
	// values derived from a sensitive variable, which the file does not
	// carry (see hidden.go).
	Hidden []string `json:"hidden,omitempty"`
}

// JSONDrift is one resource changed outside berth: before is what berth
// applied, after what the engine runs.
type JSONDrift struct {
	Address    string    `json:"address"`
	Type       string    `json:"type"`
	Name       string    `json:"name"`
	Kind       DriftKind `json:"kind"`
	Attributes []Reason  `json:"attributes"`
}

// JSONStep is one step of the DAG.
type JSONStep struct {
	ID      int    `json:"id"`
	Address string `json:"address"`
	Op      Op     `json:"op"`
	After   []int  `json:"after"`
}

// JSONSummary counts like terraform: a replacement adds and destroys.
type JSONSummary struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Destroy int `json:"destroy"`
}

// JSON returns the machine form of p.
func (p *Plan) JSON() *JSONPlan {
	jp := &JSONPlan{
		FormatVersion:       FormatVersion,
		Project:             p.Project,
		Backend:             p.Backend,
		ObservedFingerprint: p.ObservedFingerprint,
		ObservedResources:   p.Observed,
		ResourceChanges:     []*JSONChange{},
		Drift:               []*JSONDrift{},
		Steps:               []*JSONStep{},
	}
	if jp.ObservedResources == nil {
		jp.ObservedResources = map[string]string{}
	}
	for _, c := range p.Changes {
		jp.ResourceChanges = append(jp.ResourceChanges, jsonChange(c, p.Project))
	}
	for _, d := range p.Drift {
		jp.Drift = append(jp.Drift, &JSONDrift{Address: d.Address.String(), Type: d.Type, Name: d.Name, Kind: d.Kind, Attributes: d.Attributes})
	}
	for _, s := range p.Steps {
		jp.Steps = append(jp.Steps, &JSONStep{ID: s.ID, Address: s.Address().String(), Op: s.Op, After: append([]int{}, s.After...)})
	}
	jp.Summary.Add, jp.Summary.Change, jp.Summary.Destroy = p.Counts()
	return jp
}

func jsonChange(c *Change, project string) *JSONChange {
	// Read from a plan file, a side holds the hashes already.
	hideBefore, hideAfter := c.Hidden, c.Hidden
	if c.beforeHashed {
		hideBefore = nil
	}
	if c.afterHashed {
		hideAfter = nil
	}
	jc := &JSONChange{
		Address: c.Address.String(), Type: c.Type, Name: c.Name,
		Group: c.Group, Index: c.Index,
		Actions:         c.Action.JSONActions(c.CreateBeforeDestroy),
		Reasons:         c.Reasons,
		BeforeSensitive: false,
		AfterSensitive:  false,
		ConfigHash:      c.AfterHash,
		Hidden:          c.Hidden,
	}
	if jc.Reasons == nil {
		jc.Reasons = []Reason{}
	}
	if b := c.Before; b != nil {
		jc.Before = hideAttrs(project, b.Attrs, hideBefore)
		jc.BeforeSensitive = sensitiveTree(unionPaths(b.Sensitive, c.Hidden))
		jc.ID, jc.BeforeConfigHash, jc.Status, jc.Unready = b.ID, b.ConfigHash, b.Status, b.Unready
	}
	if a := c.After; a != nil {
		jc.After = hideAttrs(project, a.Attrs, hideAfter)
		jc.AfterSensitive = sensitiveTree(unionPaths(a.Sensitive, c.Hidden))
		jc.Source = a.Source
		for _, d := range a.Deps {
			jc.DependsOn = append(jc.DependsOn, d.To.String())
		}
	}
	return jc
}

// sensitiveTree mirrors the attributes with true where a value is
// sensitive, as terraform's before_sensitive/after_sensitive do.
func sensitiveTree(paths []string) any {
	tree := map[string]any{}
	for _, p := range paths {
		attr, key, nested := strings.Cut(p, ".")
		if !nested {
			tree[attr] = true
			continue
		}
		if tree[attr] == true {
			continue // the whole attribute is
		}
		m, _ := tree[attr].(map[string]any)
		if m == nil {
			m = map[string]any{}
			tree[attr] = m
		}
		m[key] = true
	}
	return tree
}

// ReadJSON decodes a plan written by WriteJSON and checks its version.
func ReadJSON(r io.Reader) (*JSONPlan, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var jp JSONPlan
	if err := dec.Decode(&jp); err != nil {
		return nil, fmt.Errorf("not a berth plan: %w", err)
	}
	if jp.FormatVersion == "" {
		// Some other JSON ({} said 'plan format "" is not supported').
		return nil, fmt.Errorf("not a berth plan: it has no format_version; give a file written by berth plan -out FILE")
	}
	if major, _, _ := strings.Cut(jp.FormatVersion, "."); major != "1" {
		return nil, fmt.Errorf("plan format %q is not supported (this berth reads %s)", jp.FormatVersion, FormatVersion)
	}
	return &jp, nil
}

// Plan rebuilds the Plan the executor walks from its JSON form. A plan
// that needs values the file does not carry (NeedsValues: derived from a
// sensitive variable) is refused; PlanWith takes them from the spec.
func (jp *JSONPlan) Plan() (*Plan, error) {
	p, _, err := jp.PlanWith(nil)
	return p, err
}

// PlanWith is Plan with the values the file does not carry taken from d,
// the spec compiled again (with the variables of the apply): each is
// checked against the hash the plan recorded, and any that is missing or
// different refuses the whole plan with a *ValuesError naming the
// resource and the key. It returns the contents of the secrets and
// configs the plan creates from a value rather than a file, for the
// executor.
func (jp *JSONPlan) PlanWith(d *Desired) (*Plan, map[Address][]byte, error) {
	p, err := jp.build()
	if err != nil {
		return nil, nil, err
	}
	contents, err := fillValues(p, d)
	if err != nil {
		return nil, nil, err
	}
	return p, contents, nil
}

func (jp *JSONPlan) build() (*Plan, error) {
	p := &Plan{
		Project: jp.Project, Backend: jp.Backend,
		ObservedFingerprint: jp.ObservedFingerprint, Observed: jp.ObservedResources,
	}
	by := map[string]*Change{}
	for _, jc := range jp.ResourceChanges {
		c, err := jc.change()
		if err != nil {
			return nil, err
		}
		p.Changes = append(p.Changes, c)
		by[jc.Address] = c
	}
	for _, d := range jp.Drift {
		addr, err := ParseAddress(d.Address)
		if err != nil {
			return nil, err
		}
		p.Drift = append(p.Drift, &Drift{Address: addr, Kind: d.Kind, Attributes: normalizeReasons(d.Attributes)})
	}
	for i, js := range jp.Steps {
		c := by[js.Address]
		if c == nil || js.ID != i+1 {
			return nil, fmt.Errorf("plan step #%d (%s) does not match the plan's changes", js.ID, js.Address)
		}
		for _, a := range js.After {
			if a < 1 || a >= js.ID {
				return nil, fmt.Errorf("plan step #%d waits for #%d, which is not an earlier step", js.ID, a)
			}
		}
		p.Steps = append(p.Steps, &Step{ID: js.ID, Op: js.Op, Change: c, After: append([]int(nil), js.After...)})
	}
	return p, nil
}

func (jc *JSONChange) change() (*Change, error) {
	addr, err := ParseAddress(jc.Address)
	if err != nil {
		return nil, err
	}
	action, cbd := ActionFromJSON(jc.Actions)
	c := &Change{
		Address: addr, Group: jc.Group, Index: jc.Index,
		Action: action, CreateBeforeDestroy: cbd,
		AfterHash: jc.ConfigHash, Reasons: normalizeReasons(jc.Reasons),
		Hidden: jc.Hidden, beforeHashed: true, afterHashed: true,
	}
	if jc.Before != nil || action == Delete || action == Update || action == Replace || action == NoOp {
		c.Before = &ObservedResource{
			Resource: Resource{Address: addr, Group: jc.Group, Index: jc.Index, Attrs: jc.Before.Normalize(), Sensitive: sensitivePaths(jc.BeforeSensitive)},
			ID:       jc.ID, ConfigHash: jc.BeforeConfigHash, Status: jc.Status, Unready: jc.Unready,
		}
	}
	if jc.After != nil || action == Create || action == Update || action == Replace {
		c.After = &Resource{Address: addr, Group: jc.Group, Index: jc.Index, Attrs: jc.After.Normalize(), Sensitive: sensitivePaths(jc.AfterSensitive), Source: jc.Source}
		for _, d := range jc.DependsOn {
			to, err := ParseAddress(d)
			if err != nil {
				return nil, err
			}
			c.After.Deps = append(c.After.Deps, Dep{To: to, Kind: DepUses})
		}
	}
	return c, nil
}

func sensitivePaths(tree any) []string {
	m, _ := tree.(map[string]any)
	var out []string
	for k, v := range m {
		switch x := v.(type) {
		case bool:
			if x {
				out = append(out, k)
			}
		case map[string]any:
			for mk := range x {
				out = append(out, k+"."+mk)
			}
		}
	}
	sort.Strings(out)
	return out
}

func normalizeReasons(rs []Reason) []Reason {
	out := make([]Reason, len(rs))
	for i, r := range rs {
		r.Before, r.After = reasonValue(r.Before), reasonValue(r.After)
		out[i] = r
	}
	return out
}

// reasonValue puts a decoded reason value in canonical form. Unlike
// attribute values, an empty string stays: a map entry set to "" differs
// from an absent one.
func reasonValue(v any) any {
	if s, ok := v.(string); ok {
		return s
	}
	return normalize(v)
}
