package whatif

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/internal/numfmt"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// config is one point of the search space: value indices per dimension
// and a multiplier index.
type config struct {
	idx   []int
	scale int
}

func (c config) key() string { return fmt.Sprint(c.idx, c.scale) }

// searcher holds the state of one Search.
type searcher struct {
	spec  *lang.Spec
	opts  Options
	res   *Result
	known map[string]*Trial
	// decided lists the configurations known to pass or fail, by
	// simulation or analysis, for inference by dominance.
	decided []decided
	diags   hcl.Diagnostics
	mu      sync.Mutex // guards res's bounds while a batch runs
}

type decided struct {
	c    config
	pass bool
}

// Search looks for the cheapest capacity in opts.Dims that passes every
// case at each multiplier of opts.Scales.
func Search(spec *lang.Spec, opts Options) (*Result, hcl.Diagnostics) {
	if opts.Replications <= 0 {
		opts.Replications = 3
	}
	if opts.MemoryWeight < 0 || opts.MemoryWeight == 0 && !opts.MemoryWeightSet {
		opts.MemoryWeight = DefaultMemoryWeight
	}
	if opts.Parallelism <= 0 {
		opts.Parallelism = runtime.GOMAXPROCS(0)
	}
	if len(opts.Scales) == 0 {
		opts.Scales = []float64{1}
	}
	if len(opts.Cases) == 0 {
		cases, diags := simulate.Cases(spec, simulate.Options{})
		if diags.HasErrors() {
			return nil, diags
		}
		opts.Cases = cases
	}
	if d := checkSearchable(spec, opts); d != nil {
		return nil, hcl.Diagnostics{d}
	}
	s := &searcher{spec: spec, opts: opts, known: map[string]*Trial{}, res: &Result{
		Dims: opts.Dims, Scales: opts.Scales, Replications: opts.Replications, Duration: opts.Duration.Seconds(),
	}}
	for _, c := range opts.Cases {
		s.res.Cases = append(s.res.Cases, caseName(c))
	}
	for _, d := range opts.Dims {
		s.res.Original = append(s.res.Original, d.current(spec))
	}
	if len(opts.Dims) == 0 {
		s.scaleSearch()
	} else {
		for k := range opts.Scales {
			s.capacitySearch(k)
		}
	}
	if s.diags.HasErrors() {
		return nil, s.diags
	}
	s.finish()
	s.res.emptyLists()
	return s.res, s.diags
}

// emptyLists makes the JSON arrays arrays even when empty, so that a
// script can iterate them (jq '.best[]' fails on null): a search of load
// multipliers alone has no dimensions, and no values in its trials.
func (r *Result) emptyLists() {
	if r.Dims == nil {
		r.Dims = []Dimension{}
	}
	if r.Original == nil {
		r.Original = []float64{}
	}
	if r.Trials == nil {
		r.Trials = []*Trial{}
	}
	if r.Best == nil {
		r.Best = []Best{}
	}
	for _, t := range r.Trials {
		if t.Values == nil {
			t.Values = []float64{}
		}
	}
}

// checkSearchable refuses a search with nothing to keep: no expect and
// no slo means every configuration passes.
func checkSearchable(spec *lang.Spec, opts Options) *hcl.Diagnostic {
	seen := map[string]bool{}
	for _, d := range opts.Dims {
		if err := d.Check(spec); err != nil {
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown service", Detail: err.Error()}
		}
		if seen[d.Name()] {
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Dimension varied twice",
				Detail: fmt.Sprintf("--vary %s is given more than once; give all its values in one --vary (for example %s=a,b,c).", d.Name(), d.Name())}
		}
		seen[d.Name()] = true
	}
	if len(spec.SLOs) > 0 {
		return nil
	}
	for _, c := range opts.Cases {
		if sc := spec.Scenarios[c.Scenario]; sc != nil && sc.Expect != nil {
			return nil
		}
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError, Summary: "Nothing to keep",
		Detail:  "The runs have no expect block and the spec no slo, so every configuration passes. Add an slo block (for example slo \"latency\" { p99 = \"300ms\" }) or pick a scenario with an expect block.",
		Subject: spec.DeclRange.Ptr(),
	}
}

func caseName(c simulate.Case) string {
	if c.Scenario != "" {
		return "scenario " + c.Scenario
	}
	return "load " + c.Load
}

// infer decides c from known results by dominance: more capacity at less
// load than a passing configuration passes; less capacity at more load
// than a failing one fails. A dimension that is not monotone (queue) must
// be equal to compare.
func (s *searcher) infer(c config) (pass, ok bool) {
	for _, d := range s.decided {
		if d.pass && d.c.scale >= c.scale && s.allLE(d.c.idx, c.idx) {
			return true, true
		}
		if !d.pass && d.c.scale <= c.scale && s.allLE(c.idx, d.c.idx) {
			return false, true
		}
	}
	return false, false
}

// allLE reports whether a has at most b's capacity in every monotone
// dimension and the same value in the others.
func (s *searcher) allLE(a, b []int) bool {
	for i := range a {
		if a[i] > b[i] || (a[i] != b[i] && !s.opts.Dims[i].Monotone()) {
			return false
		}
	}
	return true
}

// decide returns whether c passes: inferred, or evaluated as part of the
// batch the caller runs. It returns ok = false when c must be evaluated.
func (s *searcher) decide(c config) (pass, ok bool) {
	if t := s.known[c.key()]; t != nil {
		return t.Status == StatusPass, true
	}
	return s.infer(c)
}

// runBatch evaluates configurations in parallel and records them.
func (s *searcher) runBatch(batch []config) {
	trials := make([]*Trial, len(batch))
	per := max(1, s.opts.Parallelism/max(len(batch), 1))
	sem := make(chan struct{}, s.opts.Parallelism)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i, c := range batch {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			t, diags := s.evaluate(c, per)
			mu.Lock()
			s.diags = append(s.diags, diags...)
			mu.Unlock()
			trials[i] = t
		}()
	}
	wg.Wait()
	for i, t := range trials {
		if t == nil {
			continue
		}
		s.known[batch[i].key()] = t
		s.decided = append(s.decided, decided{batch[i], t.Status == StatusPass})
		s.res.Trials = append(s.res.Trials, t)
		if t.Status != StatusPruned {
			s.res.Simulations++
		}
	}
}

// variant returns the spec with c applied (a clone).
func (s *searcher) variant(c config) *lang.Spec {
	v := s.spec.Clone()
	for i, d := range s.opts.Dims {
		d.apply(v, d.Values[c.idx[i]])
	}
	scaleLoads(v, s.opts.Scales[c.scale])
	return v
}

// evaluate prunes c by analysis or simulates every case.
func (s *searcher) evaluate(c config, parallelism int) (*Trial, hcl.Diagnostics) {
	v := s.variant(c)
	t := &Trial{Scale: s.opts.Scales[c.scale], Cost: Cost(v, s.opts.MemoryWeight)}
	for i, d := range s.opts.Dims {
		t.Values = append(t.Values, d.Values[c.idx[i]])
	}
	if reason := saturated(v, s.opts.Cases, s.opts.Duration); reason != "" && !s.opts.NoPrune {
		t.Status, t.Reason = StatusPruned, reason
		return t, nil
	}
	t.Status = StatusPass
	var failed []string
	for _, cs := range s.opts.Cases {
		rep, diags := simulate.RunCase(v, cs, simulate.Options{
			Seed: s.opts.Seed, Replications: s.opts.Replications, Duration: s.opts.Duration, Parallelism: parallelism,
		})
		if diags.HasErrors() {
			return nil, diags
		}
		s.recordBounds(rep)
		if rep.Entry.Latency.P99 >= t.P99 {
			t.P99 = rep.Entry.Latency.P99
			if rep.Entry.CI != nil {
				ci := rep.Entry.CI.P99
				t.P99CI = &ci
			}
		}
		t.ErrorRate = max(t.ErrorRate, rep.Entry.ErrorRate)
		for _, vd := range rep.Verdicts {
			if !vd.Pass {
				failed = append(failed, fmt.Sprintf("%s %s %s, bound %s", vd.Source, vd.Metric, formatValue(vd.Metric, vd.Measured), formatValue(vd.Metric, vd.Bound)))
			}
		}
	}
	if len(failed) > 0 {
		t.Status, t.Reason = StatusFail, strings.Join(failed, "; ")
	}
	return t, nil
}

// saturated returns why a variant must fail without simulating it: a
// service whose certain utilisation (cores, or workers by local work
// alone) is at least 1 under some case's load at its peak, among those
// the load's requests need (mustCarry: no fallback on the way).
//
// Only a rate the load offers for sure may prune. A bursty load's is its
// mean rate (its profile's, which every run offers on average,
// simulate/burst), not the height of its bursts, rate × (on + off) / on:
// a burst that overloads a service leaves a backlog that the off phase
// may drain, and whether its wait breaks a p99 bound is for the
// simulation to say. A closed load is never pruned: its users wait for
// their answers, so its throughput is at most min(users / (R0 + Z),
// capacity) and it never drives ρ to 1; users / (R0 + Z) (what berth
// diff's findings read, review.rateOf) is an upper bound of its rate,
// which proves no overload. See docs/review.md (Pruning).
func saturated(v *lang.Spec, cases []simulate.Case, duration time.Duration) string {
	for _, c := range cases {
		ld := v.Loads[c.Load]
		if ld == nil || ld.Closed() {
			continue
		}
		if svc, rho := OfferedLoad(v, ld, runPeak(ld, duration)).bottleneckAmong(mustCarry(v, ld)); rho >= 1 {
			return fmt.Sprintf("ρ(%s) = %.2f ≥ 1 at the peak of load %s", svc, rho, ld.Name)
		}
	}
	return ""
}

// recordBounds keeps the tightest p99 and error-rate bounds seen.
func (s *searcher) recordBounds(rep *simulate.Report) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range rep.Verdicts {
		switch v.Metric {
		case "p99":
			if s.res.P99Bound == 0 || v.Bound < s.res.P99Bound {
				s.res.P99Bound = v.Bound
			}
		case "error_rate":
			if s.res.ErrorBound == 0 || v.Bound < s.res.ErrorBound {
				s.res.ErrorBound = v.Bound
			}
		}
	}
}

func formatValue(metric string, v float64) string {
	switch metric {
	case "error_rate", "degraded_rate":
		return fmt.Sprintf("%.3g %%", 100*v)
	case "throughput":
		return numfmt.Sig(v, 4) + "/s"
	}
	return latency(v)
}

// sortTrials orders trials by multiplier, then values.
func sortTrials(ts []*Trial) {
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.Scale != b.Scale {
			return a.Scale < b.Scale
		}
		for k := range a.Values {
			if a.Values[k] != b.Values[k] {
				return a.Values[k] < b.Values[k]
			}
		}
		return false
	})
}
