package review

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/lang/graph"
	"github.com/berth-dev/berth/planner"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/whatif"
)

// Side is one side of a review: a loaded spec and the files it came
// from (lang.Loader.Files), to point at attributes.
type Side struct {
	// Label names the side for people: a directory or a git revision.
	Label string
	// Commit is the git commit id when the side is a revision.
	Commit string
	Spec   *lang.Spec
	Files  map[string]*hcl.File
	// FS holds the spec when it is not read from the operating system (a
	// git revision): the files of secrets and configs are read from it,
	// so that a change of their content is a change.
	FS fs.FS
	// Absent says the revision has no spec in the directory: Spec is
	// empty (lang.EmptySpec), and the other side's spec is all added or
	// all removed.
	Absent bool
	// Invalid lists the errors of a side that does not validate, one line
	// each with its file:line:col: the review of a change that fixes a
	// broken base shows them, and its Spec is empty (as when Absent).
	Invalid []string
}

// Options control a review.
type Options struct {
	// Seed and Replications (default 3) of every simulation; both sides
	// use the same seeds.
	Seed         uint64
	Replications int
	// Duration overrides the loads' duration when > 0.
	Duration time.Duration
	// Loads and Scenarios restrict the simulated cases to those named
	// (both empty: every load and scenario). The peak load is simulated
	// in any case, for the findings.
	Loads, Scenarios []string
	// NoSimulation skips the simulations: no deltas, and the findings
	// that need a simulation use the analytic offered load or are left
	// out.
	NoSimulation bool
	// MemoryWeight is the cost of a GiB in CPU-equivalents (default
	// whatif.DefaultMemoryWeight). MemoryWeightSet makes a MemoryWeight
	// of 0 mean 0 (memory costs nothing) instead of the default.
	MemoryWeight    float64
	MemoryWeightSet bool
	Findings        FindingOptions
}

// SideInfo describes one side in the output.
type SideInfo struct {
	Label   string  `json:"label"`
	Commit  string  `json:"commit,omitempty"`
	Project string  `json:"project"`
	Cost    float64 `json:"cost"`
}

// Review is everything `berth diff` shows.
type Review struct {
	Old SideInfo `json:"old"`
	New SideInfo `json:"new"`
	// Summary is the one-line verdict of the comment.
	Summary string   `json:"summary"`
	Changes []Change `json:"changes"`
	// Cost is Σ replicas × (cpus + weight × GiB), old → new.
	Cost         MetricDelta `json:"cost"`
	MemoryWeight float64     `json:"memory_weight"`
	Deltas       []CaseDelta `json:"deltas"`
	Seed         uint64      `json:"seed"`
	Replications int         `json:"replications"`
	// Duration is --duration in seconds, when it overrides the loads'.
	Duration  float64 `json:"duration,omitempty"`
	Simulated bool    `json:"simulated"`
	// Notes say what the reader of the deltas must know, one line each:
	// a scenario whose fault never fires in the run (--duration ends it
	// first).
	Notes []string `json:"notes"`
	// Findings are the NEW side's risks; Resolved those of the OLD side
	// that the NEW one no longer has.
	Findings []Finding `json:"findings"`
	Resolved []Finding `json:"resolved"`
	// Regressions lists, one line each, the significant deltas in the bad
	// direction and the expectations that passed before and fail now.
	Regressions []string `json:"regressions"`
	// Mermaid is the merged graph; Graph is the same for other renderers.
	// OldInvalid lists the errors of an OLD side that does not validate
	// (Side.Invalid): every object of NEW shows as created.
	OldInvalid []string     `json:"old_invalid,omitempty"`
	Mermaid    string       `json:"mermaid"`
	Graph      *graph.Graph `json:"-"`
}

// Build compares old with new.
func Build(old, new Side, opts Options) (*Review, hcl.Diagnostics) {
	if opts.Replications <= 0 {
		opts.Replications = 3
	}
	if opts.MemoryWeight < 0 || opts.MemoryWeight == 0 && !opts.MemoryWeightSet {
		opts.MemoryWeight = whatif.DefaultMemoryWeight
	}
	if diags := checkFlagNames(old.Spec, new.Spec, opts); diags.HasErrors() {
		return nil, diags
	}
	oldSrc, newSrc := newSources(old.Files), newSources(new.Files)
	setsProject := oldSrc.setsAttr("berth", "project") || newSrc.setsAttr("berth", "project")
	r := &Review{
		Old:          SideInfo{Label: old.Label, Commit: old.Commit, Project: old.Spec.Project, Cost: whatif.Cost(old.Spec, opts.MemoryWeight)},
		New:          SideInfo{Label: new.Label, Commit: new.Commit, Project: new.Spec.Project, Cost: whatif.Cost(new.Spec, opts.MemoryWeight)},
		Changes:      diffResources(resources(old.Spec, !setsProject, old.FS), resources(new.Spec, !setsProject, new.FS), oldSrc, newSrc, changedRefs(old.Spec, new.Spec, oldSrc, newSrc)),
		MemoryWeight: opts.MemoryWeight,
		Seed:         opts.Seed,
		Replications: opts.Replications,
		Simulated:    !opts.NoSimulation,
		OldInvalid:   old.Invalid,
	}
	r.Cost = MetricDelta{Metric: "cost", Unit: "cpu", Old: &Stat{Value: r.Old.Cost}, New: &Stat{Value: r.New.Cost}, Delta: r.New.Cost - r.Old.Cost}
	r.Graph = graph.Merge(graph.New(old.Spec), graph.New(new.Spec))
	r.hintGraphRenames()
	r.Mermaid = r.Graph.Mermaid()
	var oldPeak, newPeak *simulate.Report
	var diags hcl.Diagnostics
	if !opts.NoSimulation {
		r.Deltas, oldPeak, newPeak, diags = simulateBoth(old.Spec, new.Spec, opts)
		if diags.HasErrors() {
			return nil, diags
		}
		r.Duration = opts.Duration.Seconds()
		r.Notes = lateFaultNotes(old, new, opts)
	}
	oldFindings := Findings(old.Spec, old.Files, oldPeak, opts.Findings)
	r.Findings = Findings(new.Spec, new.Files, newPeak, opts.Findings)
	renames := r.renames()
	markNew(oldFindings, r.Findings, renames)
	r.Resolved = resolved(oldFindings, r.Findings, renames)
	if old.Commit != "" {
		r.atOldRevision(old.Label)
	}
	r.Regressions = regressions(r.Deltas)
	r.Summary = summary(r)
	r.emptyLists()
	return r, diags
}

// atOldRevision names the OLD revision in the positions that are in its
// files, a deleted resource's, a removed attribute's and a resolved
// finding's, as diagnostics do (REV:path): both revisions have files of the same paths, and a
// reader looking for "shop/links.berth.hcl:116" would open the NEW one.
func (r *Review) atOldRevision(label string) {
	at := func(pos string) string {
		if pos == "" {
			return ""
		}
		return label + ":" + pos
	}
	for i, c := range r.Changes {
		if c.Action == planner.Delete {
			r.Changes[i].Pos = at(c.Pos)
		}
		for j, a := range c.Attributes {
			if c.Action == planner.Delete || a.onOld {
				c.Attributes[j].Pos = at(a.Pos)
			}
		}
	}
	for i, f := range r.Resolved {
		r.Resolved[i].Pos = at(f.Pos)
		if f.Range != nil {
			rng := *f.Range
			rng.Filename = label + ":" + rng.Filename
			r.Resolved[i].Range = &rng
		}
	}
}

// emptyLists makes the lists of the JSON arrays even when empty, so a
// script can iterate them (jq '.deltas[]' fails on null).
func (r *Review) emptyLists() {
	if r.Changes == nil {
		r.Changes = []Change{}
	}
	for i := range r.Changes {
		if r.Changes[i].Attributes == nil { // a created network "edge" {} writes none
			r.Changes[i].Attributes = []AttrChange{}
		}
	}
	if r.Deltas == nil {
		r.Deltas = []CaseDelta{}
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	if r.Resolved == nil {
		r.Resolved = []Finding{}
	}
	if r.Regressions == nil {
		r.Regressions = []string{}
	}
	if r.Notes == nil {
		r.Notes = []string{}
	}
}

// simulateBoth runs the selected cases on both sides (and each side's
// peak load for the findings) and pairs them.
func simulateBoth(old, new *lang.Spec, opts Options) ([]CaseDelta, *simulate.Report, *simulate.Report, hcl.Diagnostics) {
	oldCases, newCases := casesOf(old, opts.Loads, opts.Scenarios), casesOf(new, opts.Loads, opts.Scenarios)
	var jobs []*runJob
	index := map[[2]string]*runJob{} // side, case → job
	add := func(side string, spec *lang.Spec, c simulate.Case) {
		k := [2]string{side, caseKey(c)}
		if index[k] == nil {
			j := &runJob{spec: spec, c: c}
			index[k] = j
			jobs = append(jobs, j)
		}
	}
	for _, c := range oldCases {
		add("old", old, c)
	}
	for _, c := range newCases {
		add("new", new, c)
	}
	peakCase := func(spec *lang.Spec) *simulate.Case {
		if p := PeakLoad(spec); p != nil {
			return &simulate.Case{Load: p.Name}
		}
		return nil
	}
	op, np := peakCase(old), peakCase(new)
	if op != nil {
		add("old", old, *op)
	}
	if np != nil {
		add("new", new, *np)
	}
	if diags := runAll(jobs, opts); diags.HasErrors() {
		return nil, nil, nil, diags
	}
	report := func(side string, c simulate.Case) *simulate.Report {
		if j := index[[2]string{side, caseKey(c)}]; j != nil {
			return j.report
		}
		return nil
	}
	var deltas []CaseDelta
	seen := map[string]bool{}
	for _, c := range append(append([]simulate.Case{}, oldCases...), newCases...) {
		if seen[caseKey(c)] {
			continue
		}
		seen[caseKey(c)] = true
		d := compareCase(c, report("old", c), report("new", c))
		if d.Only == "" && offeredChanged(old, new, c) {
			d.markLoadChanged()
		}
		deltas = append(deltas, d)
	}
	var oldPeak, newPeak *simulate.Report
	if op != nil {
		oldPeak = report("old", *op)
	}
	if np != nil {
		newPeak = report("new", *np)
	}
	return deltas, oldPeak, newPeak, nil
}

// resolved returns the findings of old that new no longer has (a
// renamed block's under its new name: renames).
func resolved(old, new []Finding, renames map[string]string) []Finding {
	have := map[[2]string]bool{}
	for _, f := range new {
		have[findingKey(f, nil)] = true
	}
	var out []Finding
	for _, f := range old {
		if !have[findingKey(f, renames)] {
			out = append(out, f)
		}
	}
	return out
}

// regressions lists the significant deltas in the bad direction and the
// expectations that regressed.
func regressions(deltas []CaseDelta) []string {
	var out []string
	for _, d := range deltas {
		for _, m := range d.Metrics {
			if m.Worse {
				out = append(out, fmt.Sprintf("%s: %s %s → %s", d.Case, m.Metric, formatValue(m.Unit, m.Old.Value), formatValue(m.Unit, m.New.Value)))
			}
		}
		for _, v := range d.Verdicts {
			if v.Regressed {
				out = append(out, fmt.Sprintf("%s: %s %s %s %s fails (%s)", d.Case, v.Source, v.Metric, v.Op, formatValue(unitOf(v.Metric), v.Bound), formatValue(unitOf(v.Metric), *v.New)))
			}
		}
	}
	return out
}

// NewWarnings counts the NEW side's warnings that the OLD side did not
// have, or had with a lower score or as a notice: what `--fail-on
// finding` gates on.
func (r *Review) NewWarnings() int {
	n := 0
	for _, f := range r.Findings {
		if (f.New || f.Worse) && f.Severity == SeverityWarning {
			n++
		}
	}
	return n
}
