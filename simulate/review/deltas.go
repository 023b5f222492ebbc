package review

import (
	"reflect"
	"runtime"
	"sync"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// CaseDelta compares one load or scenario simulated on both sides.
type CaseDelta struct {
	Case     string `json:"case"` // "load peak", "scenario orders-replica-loss"
	Load     string `json:"load"`
	Scenario string `json:"scenario,omitempty"`
	// Only is "old" or "new" when the case exists on one side only.
	Only string `json:"only,omitempty"`
	// LoadChanged says the traffic of the case's load differs between
	// the sides (rate, profile, entry, arrival, duration): its throughput
	// follows the load, and a change of it is neither better nor worse.
	LoadChanged bool           `json:"load_changed,omitempty"`
	Metrics     []MetricDelta  `json:"metrics"`
	Verdicts    []VerdictDelta `json:"verdicts,omitempty"`
	OldPass     *bool          `json:"old_pass,omitempty"`
	NewPass     *bool          `json:"new_pass,omitempty"`
}

// Stat is one side's value of a metric, with its 95 % confidence
// interval: over the replications, or over the batch means of the single
// run with one replication (simulate's ci_method).
type Stat struct {
	Value float64      `json:"value"`
	CI    *simulate.CI `json:"ci,omitempty"`
}

// MetricDelta is one metric of the entry before → after.
type MetricDelta struct {
	Metric string  `json:"metric"` // p50, p99, error_rate, throughput
	Unit   string  `json:"unit"`   // s, ratio, 1/s
	Old    *Stat   `json:"old,omitempty"`
	New    *Stat   `json:"new,omitempty"`
	Delta  float64 `json:"delta"`
	// Significant: both intervals exist and do not overlap. Worse: it
	// is significant and in the bad direction (a regression).
	Significant bool `json:"significant"`
	Worse       bool `json:"worse"`
}

// VerdictDelta is one expect/slo bound checked on both sides.
type VerdictDelta struct {
	Source    string   `json:"source"`
	Target    string   `json:"target"`
	Metric    string   `json:"metric"`
	Op        string   `json:"op"`
	Bound     float64  `json:"bound"`
	Old       *float64 `json:"old,omitempty"`
	New       *float64 `json:"new,omitempty"`
	OldPass   *bool    `json:"old_pass,omitempty"`
	NewPass   *bool    `json:"new_pass,omitempty"`
	Pos       string   `json:"pos,omitempty"`
	Regressed bool     `json:"regressed"`
}

// metricDefs are the entry metrics a delta shows; higher is worse except
// for throughput.
var metricDefs = []struct {
	name, unit  string
	higherIsBad bool
	value       func(*simulate.Metrics) float64
	ci          func(*simulate.MetricsCI) simulate.CI
}{
	{"p50", "s", true, func(m *simulate.Metrics) float64 { return m.Latency.P50 }, func(c *simulate.MetricsCI) simulate.CI { return c.P50 }},
	{"p99", "s", true, func(m *simulate.Metrics) float64 { return m.Latency.P99 }, func(c *simulate.MetricsCI) simulate.CI { return c.P99 }},
	{"error_rate", "ratio", true, func(m *simulate.Metrics) float64 { return m.ErrorRate }, func(c *simulate.MetricsCI) simulate.CI { return c.ErrorRate }},
	{"throughput", "1/s", false, func(m *simulate.Metrics) float64 { return m.Throughput }, func(c *simulate.MetricsCI) simulate.CI { return c.Throughput }},
}

// caseKey names a case as the simulator does.
func caseKey(c simulate.Case) string {
	if c.Scenario != "" {
		return "scenario " + c.Scenario
	}
	return "load " + c.Load
}

// casesOf returns the cases of a spec: every load, then every scenario
// (under its own load), keeping only those the filters name when any do.
func casesOf(spec *lang.Spec, loads, scenarios []string) []simulate.Case {
	want := func(list []string, name string) bool {
		if len(loads) == 0 && len(scenarios) == 0 {
			return true
		}
		for _, n := range list {
			if n == name {
				return true
			}
		}
		return false
	}
	var out []simulate.Case
	for _, l := range spec.SortedLoads() {
		if want(loads, l.Name) {
			out = append(out, simulate.Case{Load: l.Name})
		}
	}
	for _, s := range spec.SortedScenarios() {
		if want(scenarios, s.Name) && spec.Loads[s.Load] != nil {
			out = append(out, simulate.Case{Load: s.Load, Scenario: s.Name})
		}
	}
	return out
}

// runJob is one case of one side.
type runJob struct {
	spec   *lang.Spec
	c      simulate.Case
	report *simulate.Report
	diags  hcl.Diagnostics
}

// runAll simulates every job, several at once: each job runs its
// replications one after another, and GOMAXPROCS jobs run in parallel.
func runAll(jobs []*runJob, opts Options) hcl.Diagnostics {
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			j.report, j.diags = simulate.RunCase(j.spec, j.c, simulate.Options{
				Seed: opts.Seed, Replications: opts.Replications, Duration: opts.Duration, Parallelism: 1,
			})
		}()
	}
	wg.Wait()
	var diags hcl.Diagnostics
	for _, j := range jobs {
		for _, d := range j.diags {
			if d.Severity == hcl.DiagError {
				diags = append(diags, d)
			}
		}
	}
	return diags
}

// compareCase builds the delta of one case from the two reports (either
// may be nil when the case exists on one side only).
func compareCase(c simulate.Case, old, new *simulate.Report) CaseDelta {
	d := CaseDelta{Case: caseKey(c), Load: c.Load, Scenario: c.Scenario}
	switch {
	case old == nil:
		d.Only = "new"
	case new == nil:
		d.Only = "old"
	}
	for _, def := range metricDefs {
		md := MetricDelta{Metric: def.name, Unit: def.unit}
		md.Old = stat(old, def.value, def.ci)
		md.New = stat(new, def.value, def.ci)
		if md.Old != nil && md.New != nil {
			md.Delta = md.New.Value - md.Old.Value
			md.Significant = md.Old.CI != nil && md.New.CI != nil &&
				(md.Old.CI.High < md.New.CI.Low || md.New.CI.High < md.Old.CI.Low)
			md.Worse = md.Significant && (md.Delta > 0) == def.higherIsBad
		}
		d.Metrics = append(d.Metrics, md)
	}
	if old != nil {
		d.OldPass = &old.Pass
	}
	if new != nil {
		d.NewPass = &new.Pass
	}
	d.Verdicts = compareVerdicts(old, new)
	return d
}

func stat(r *simulate.Report, value func(*simulate.Metrics) float64, ci func(*simulate.MetricsCI) simulate.CI) *Stat {
	if r == nil || r.Entry == nil {
		return nil
	}
	s := &Stat{Value: value(r.Entry)}
	if r.Entry.CI != nil {
		c := ci(r.Entry.CI)
		s.CI = &c
	}
	return s
}

// compareVerdicts pairs the verdicts of both sides by source, target and
// metric.
func compareVerdicts(old, new *simulate.Report) []VerdictDelta {
	type key struct{ source, target, metric string }
	var order []key
	byKey := map[key]*VerdictDelta{}
	add := func(r *simulate.Report, isNew bool) {
		if r == nil {
			return
		}
		for _, v := range r.Verdicts {
			k := key{v.Source, v.Target, v.Metric}
			vd := byKey[k]
			if vd == nil {
				vd = &VerdictDelta{Source: v.Source, Target: v.Target, Metric: v.Metric, Op: v.Op}
				byKey[k] = vd
				order = append(order, k)
			}
			m, p := v.Measured, v.Pass
			vd.Bound = v.Bound
			if isNew {
				vd.New, vd.NewPass, vd.Pos = &m, &p, v.Pos
			} else {
				vd.Old, vd.OldPass = &m, &p
				if vd.Pos == "" {
					vd.Pos = v.Pos
				}
			}
		}
	}
	add(old, false)
	add(new, true)
	out := make([]VerdictDelta, 0, len(order))
	for _, k := range order {
		vd := byKey[k]
		vd.Regressed = vd.NewPass != nil && !*vd.NewPass && (vd.OldPass == nil || *vd.OldPass)
		out = append(out, *vd)
	}
	return out
}

// offeredChanged reports whether the case's load offers other traffic on
// the two sides: another rate or profile, entry, arrival process, burst
// phases, duration or warm-up (the window the throughput is measured in).
// The clients' timeout is not the load's traffic but their patience: a
// change of it can make the throughput worse.
func offeredChanged(old, new *lang.Spec, c simulate.Case) bool {
	loadOf := func(spec *lang.Spec) *lang.Load {
		name := c.Load
		if sc := spec.Scenarios[c.Scenario]; c.Scenario != "" && sc != nil {
			name = sc.Load
		}
		return spec.Loads[name]
	}
	o, n := loadOf(old), loadOf(new)
	if o == nil || n == nil {
		return false
	}
	traffic := func(l *lang.Load) lang.Load {
		x := *l
		x.Name, x.Timeout, x.DeclRange, x.Entry.Range = "", 0, hcl.Range{}, hcl.Range{}
		return x
	}
	return !reflect.DeepEqual(traffic(o), traffic(n))
}

// markLoadChanged keeps a change of throughput that follows the load
// out of the verdict: lowering a load's rate is no regression.
func (d *CaseDelta) markLoadChanged() {
	d.LoadChanged = true
	for i := range d.Metrics {
		if d.Metrics[i].Metric == "throughput" {
			d.Metrics[i].Worse = false
		}
	}
}
