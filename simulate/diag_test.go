package simulate

import (
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

func TestDiagnostics(t *testing.T) {
	base := func() *lang.Spec {
		sp := newSpec()
		addService(sp, "a", 1, 4, 4, lang.Const(time.Millisecond))
		addLoad(sp, "l", "a", 10, time.Second, 0)
		return sp
	}
	for _, tc := range []struct {
		name string
		edit func(*lang.Spec)
		opts Options
		want string
	}{
		{"unknown scenario", nil, Options{Scenario: "nope"}, "--scenario nope names no scenario of the spec."},
		{"unknown load", nil, Options{Load: "nope"}, "--load nope names no load of the spec. The loads are: l."},
		{"typo in load", nil, Options{Load: "ll"}, `Did you mean "l"?`},
		{"warm-up as long as the run: a fix every command has", func(sp *lang.Spec) { sp.Loads["l"].Warmup = 2 * time.Second },
			Options{}, "Run it longer (--duration), or shorten the load's warmup (its warmup attribute;"},
		{"no load", func(sp *lang.Spec) { delete(sp.Loads, "l") }, Options{}, "Nothing to simulate"},
		{"no load: the example names a service of the spec", func(sp *lang.Spec) { delete(sp.Loads, "l") }, Options{}, "entry = service.a "},
		{"unknown callee", func(sp *lang.Spec) {
			sp.Services["a"].Endpoints = []*lang.Endpoint{ep("x", seq(call("ghost")))}
		}, Options{}, "Call to an unknown service"},
		{"call cycle", func(sp *lang.Spec) {
			sp.Services["a"].Endpoints = []*lang.Endpoint{ep("x", seq(call("b")))}
			addService(sp, "b", 1, 4, 4, lang.Dist{}, ep("y", seq(call("a"))))
		}, Options{}, "Call cycle"},
		{"message loop", func(sp *lang.Spec) {
			sp.Queues["q"] = &lang.Queue{Name: "q", Kind: lang.QueueRabbitMQ, Partitions: 1}
			sp.Services["a"].Endpoints = []*lang.Endpoint{ep("x", seq(&lang.Step{Kind: lang.StepPublish, Publish: &lang.Publish{Queue: "q", Probability: 1}}))}
			sp.Services["a"].Consumes = []*lang.Consume{{Queue: "q", Concurrency: 1}}
		}, Options{}, "Message loop"},
		{"zero-time explosion", func(sp *lang.Spec) {
			sp.Queues["q"] = &lang.Queue{Name: "q", Kind: lang.QueueRabbitMQ, Partitions: 1}
			pub := func() *lang.Step {
				return &lang.Step{Kind: lang.StepPublish, Publish: &lang.Publish{Queue: "q", Probability: 0.9}}
			}
			addService(sp, "c", 1, 4, 4, lang.Dist{}, ep("x", seq(pub(), pub())))
			sp.Services["c"].Consumes = []*lang.Consume{{Queue: "q", Concurrency: 1}}
			sp.Services["a"].Endpoints = []*lang.Endpoint{ep("x", seq(pub()))}
		}, Options{}, "Simulation does not advance"},
	} {
		sp := base()
		if tc.edit != nil {
			tc.edit(sp)
		}
		res, diags := Run(sp, tc.opts)
		if !diags.HasErrors() || res != nil {
			t.Errorf("%s: want an error, got %v", tc.name, diags)
			continue
		}
		if !strings.Contains(diags.Error(), tc.want) {
			t.Errorf("%s: diagnostics %q do not say %q", tc.name, diags.Error(), tc.want)
		}
	}
}

func TestRunCaseUnknown(t *testing.T) {
	sp := newSpec()
	addService(sp, "a", 1, 4, 4, lang.Const(time.Millisecond))
	addLoad(sp, "l", "a", 10, time.Second, 0)
	for _, c := range []Case{{Load: "x"}, {Load: "l", Scenario: "y"}} {
		if r, diags := RunCase(sp, c, Options{}); r != nil || !diags.HasErrors() {
			t.Errorf("%+v: want an error, got %v", c, diags)
		}
	}
}
