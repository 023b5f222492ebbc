package simulate

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// DefaultDuration is the length of a load that sets none.
const DefaultDuration = 60 * time.Second

// Options control a simulation.
type Options struct {
	// Load runs this load without faults; Scenario runs this scenario
	// (with Load too: the scenario under that load). With neither, every
	// load and then every scenario runs, each sorted by name.
	Load     string
	Scenario string
	// Seed makes the run reproducible: the same seed, spec and options
	// give the same Report.
	Seed uint64
	// Duration overrides the loads' duration when > 0.
	Duration time.Duration
	// Warmup, when set, overrides the loads' warm-up (the first part of a
	// run, not measured).
	Warmup *time.Duration
	// Replications > 1 runs independent replications (derived seeds) in
	// parallel and reports 95 % confidence intervals.
	Replications int
	// Parallelism caps the goroutines; 0 means GOMAXPROCS.
	Parallelism int
	// Progress, when set, is called now and then with the fraction of the
	// simulated time done over all runs. It may be called from several
	// goroutines at once.
	Progress func(frac float64)
}

// Case names one run: a load without faults, or a scenario.
type Case struct {
	Load     string
	Scenario string
}

func (c Case) name() string {
	if c.Scenario != "" {
		return "scenario " + c.Scenario
	}
	return "load " + c.Load
}

// exampleEntry names a service of spec for the example of a load: the
// first that publishes a port (clients reach it), else the first, else
// "gateway".
func exampleEntry(spec *lang.Spec) string {
	svcs := spec.SortedServices()
	for _, svc := range svcs {
		for _, p := range svc.Ports {
			if p.Published > 0 {
				return svc.Name
			}
		}
	}
	if len(svcs) > 0 {
		return svcs[0].Name
	}
	return "gateway"
}

// Cases returns the runs that opts select in spec, or an error diagnostic
// naming what exists when a name is unknown.
func Cases(spec *lang.Spec, opts Options) ([]Case, hcl.Diagnostics) {
	if opts.Scenario != "" {
		sc := spec.Scenarios[opts.Scenario]
		if sc == nil {
			return nil, hcl.Diagnostics{unknownFlagName("scenario", opts.Scenario, sortedKeys(spec.Scenarios))}
		}
		ld := opts.Load
		if ld == "" {
			ld = sc.Load
		}
		if spec.Loads[ld] == nil && opts.Load != "" {
			return nil, hcl.Diagnostics{unknownFlagName("load", ld, sortedKeys(spec.Loads))}
		} else if spec.Loads[ld] == nil {
			return nil, hcl.Diagnostics{errorAt(sc.DeclRange, "Unknown load", "There is no load %q. The loads are: %s.", ld, names(sortedKeys(spec.Loads)))}
		}
		return []Case{{Load: ld, Scenario: sc.Name}}, nil
	}
	if opts.Load != "" {
		if spec.Loads[opts.Load] == nil {
			return nil, hcl.Diagnostics{unknownFlagName("load", opts.Load, sortedKeys(spec.Loads))}
		}
		return []Case{{Load: opts.Load}}, nil
	}
	var out []Case
	for _, l := range spec.SortedLoads() {
		out = append(out, Case{Load: l.Name})
	}
	for _, sc := range spec.SortedScenarios() {
		if spec.Loads[sc.Load] == nil {
			return nil, hcl.Diagnostics{errorAt(sc.DeclRange, "Unknown load", "Scenario %q uses load %q, which is not declared.", sc.Name, sc.Load)}
		}
		out = append(out, Case{Load: sc.Load, Scenario: sc.Name})
	}
	if len(out) == 0 {
		return nil, hcl.Diagnostics{errorAt(spec.DeclRange, "Nothing to simulate",
			"The spec declares no load and no scenario. Add a load block, for example: load \"peak\" { entry = service.%s  rate = 100 }.", exampleEntry(spec))}
	}
	return out, nil
}

// unknownFlagName reports a --scenario or --load that names nothing the
// spec declares. It has no source range: the name came from the command
// line.
func unknownFlagName(kind, name string, declared []string) *hcl.Diagnostic {
	all := "The spec declares no " + kind + "."
	if len(declared) > 0 {
		all = fmt.Sprintf("The %ss are: %s.", kind, names(declared))
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown " + kind,
		Detail: fmt.Sprintf("--%s %s names no %s of the spec.%s %s", kind, name, kind, lang.DidYouMean(name, declared), all)}
}

func names(list []string) string {
	if len(list) == 0 {
		return "(none)"
	}
	return strings.Join(list, ", ")
}

// Run simulates the cases opts select and returns their reports. It is
// quiet: it prints nothing, and problems come back as diagnostics that
// point at the spec.
func Run(spec *lang.Spec, opts Options) (*Result, hcl.Diagnostics) {
	cases, diags := Cases(spec, opts)
	if diags.HasErrors() {
		return nil, diags
	}
	reps, d := runCases(spec, cases, opts)
	diags = append(diags, d...)
	if diags.HasErrors() {
		return nil, diags
	}
	res := &Result{Report: reps[0]}
	if len(reps) > 1 {
		res.Runs = reps
	}
	return res, diags
}

// RunCase simulates one case (for whatif and diff).
func RunCase(spec *lang.Spec, c Case, opts Options) (*Report, hcl.Diagnostics) {
	reps, diags := runCases(spec, []Case{c}, opts)
	if diags.HasErrors() {
		return nil, diags
	}
	return reps[0], diags
}

// runCases runs every replication of every case on a pool of goroutines
// and assembles one Report per case.
func runCases(spec *lang.Spec, cases []Case, opts Options) ([]*Report, hcl.Diagnostics) {
	nrep := max(1, opts.Replications)
	type task struct{ c, r int }
	var tasks []task
	for c := range cases {
		for r := range nrep {
			tasks = append(tasks, task{c, r})
		}
	}
	sims := make([][]*sim, len(cases))
	for c := range sims {
		sims[c] = make([]*sim, nrep)
	}
	var diags hcl.Diagnostics
	var mu sync.Mutex
	halted := false // a run stalled or overflowed
	done := make([]atomic.Uint64, len(tasks))
	progress := func(i int) func(float64) {
		if opts.Progress == nil {
			return nil
		}
		return func(f float64) {
			done[i].Store(uint64(f * 1e6))
			var sum uint64
			for k := range done {
				sum += done[k].Load()
			}
			opts.Progress(float64(sum) / 1e6 / float64(len(tasks)))
		}
	}
	workers := opts.Parallelism
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(workers, len(tasks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(tasks) {
					return
				}
				t := tasks[i]
				seed := replicationSeed(opts.Seed, t.r)
				s, d := newSim(spec, cases[t.c], seed, opts)
				if t.r == 0 {
					mu.Lock()
					diags = append(diags, d...)
					mu.Unlock()
				}
				if d.HasErrors() {
					continue
				}
				s.progress = progress(i)
				if cd := runGuarded(s, cases[t.c].name(), seed); cd != nil {
					mu.Lock()
					diags = append(diags, cd)
					mu.Unlock()
					continue
				}
				mu.Lock()
				if late := s.diags[len(d):]; len(late) > 0 && !(s.halted && halted) {
					diags = append(diags, late...) // one halted run says why
				}
				halted = halted || s.halted
				mu.Unlock()
				s.releaseJobs()
				if s.halted { // an error: the other runs would be thrown away
					next.Store(int64(len(tasks)))
					continue
				}
				sims[t.c][t.r] = s
			}
		}()
	}
	wg.Wait()
	if diags.HasErrors() {
		return nil, dedupe(diags)
	}
	out := make([]*Report, len(cases))
	for c := range cases {
		out[c] = buildReport(cases[c], sims[c], opts.Seed)
		verdicts(spec, cases[c], out[c])
	}
	return out, dedupe(diags)
}

// dedupe drops diagnostics repeated by several cases.
func dedupe(diags hcl.Diagnostics) hcl.Diagnostics {
	seen := map[string]bool{}
	var out hcl.Diagnostics
	for _, d := range diags {
		k := d.Summary + "\x00" + d.Detail
		if d.Subject != nil {
			k += d.Subject.String()
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity < out[j].Severity })
	return out
}
