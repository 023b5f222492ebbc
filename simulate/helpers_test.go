package simulate

import (
	"math"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// Builders of lang.Spec values for tests that need exact control.

func pd(t testing.TB, s string) lang.Dist {
	t.Helper()
	d, err := lang.ParseDist(s)
	if err != nil {
		t.Fatalf("ParseDist(%q): %v", s, err)
	}
	return d
}

func newSpec() *lang.Spec {
	return &lang.Spec{
		Project: "t", Backend: lang.BackendCompose, Nodes: 1,
		Services: map[string]*lang.Service{}, Links: map[lang.LinkKey]*lang.Link{},
		Queues: map[string]*lang.Queue{}, Loads: map[string]*lang.Load{},
		Scenarios: map[string]*lang.Scenario{}, SLOs: map[string]*lang.SLO{},
	}
}

// addService adds a service with c workers, a queue of q and the given
// service time.
func addService(sp *lang.Spec, name string, replicas, workers, queue int, work lang.Dist, eps ...*lang.Endpoint) *lang.Service {
	s := &lang.Service{Name: name, Replicas: replicas,
		Capacity:  lang.Capacity{Workers: workers, Queue: queue, ServiceTime: work, Model: lang.ModelThread},
		Restart:   lang.Restart{Condition: "any", Delay: 5 * time.Second},
		Endpoints: eps}
	sp.Services[name] = s
	return s
}

func addLoad(sp *lang.Spec, name, entry string, rate float64, dur, warm time.Duration) *lang.Load {
	l := &lang.Load{Name: name, Entry: lang.Ref{Service: entry}, Arrival: lang.ArrivalPoisson,
		Profile: lang.RateProfile{Kind: lang.ProfileConstant, Rate: rate}, Duration: dur, Warmup: warm}
	sp.Loads[name] = l
	return l
}

func call(svc string) *lang.Step {
	return &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: svc, Probability: 1}}
}

func seq(steps ...*lang.Step) *lang.Step { return &lang.Step{Kind: lang.StepSequence, Children: steps} }
func par(steps ...*lang.Step) *lang.Step { return &lang.Step{Kind: lang.StepParallel, Children: steps} }

func ep(name string, flow *lang.Step) *lang.Endpoint {
	return &lang.Endpoint{Name: name, Weight: 1, Flow: flow}
}

// mmc is an M/M/c queue: λ arrivals/s, service rate μ per worker.
func mmc(t testing.TB, lambda, mu float64, c int, customers float64) *lang.Spec {
	sp := newSpec()
	addService(sp, "s", 1, c, 1<<30, pd(t, expOf(1/mu)))
	dur := time.Duration(customers / lambda * 1e9)
	addLoad(sp, "l", "s", lambda, dur, dur/20)
	return sp
}

func expOf(mean float64) string { return "exp(" + secs(mean) + ")" }

func secs(v float64) string { return time.Duration(v * 1e9).String() }

// erlangC returns P(wait) of M/M/c with offered load a = λ/μ.
func erlangC(c int, a float64) float64 {
	sum, term := 0.0, 1.0
	for k := range c {
		if k > 0 {
			term *= a / float64(k)
		}
		sum += term
	}
	top := term * a / float64(c) / (1 - a/float64(c))
	return top / (sum + top)
}

// within reports whether got is within rel of want, or want lies in ci.
func within(got, want, rel float64, ci *CI) bool {
	if math.Abs(got-want) <= rel*math.Abs(want) {
		return true
	}
	return ci != nil && ci.Low <= want && want <= ci.High
}

func mustRun(t testing.TB, sp *lang.Spec, opts Options) *Result {
	t.Helper()
	res, diags := Run(sp, opts)
	if diags.HasErrors() {
		t.Fatalf("Run: %v", diags)
	}
	return res
}
