package loadgen

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// Judge checks the cases' expect blocks and the entry's slos on the
// measurement, once each, and lists the slos of other services as not
// checked.
func TestJudge(t *testing.T) {
	spec := pickSpec()
	spec.Services["db"] = service("db", 1, lang.Const(time.Millisecond))
	spec.SLOs = map[string]*lang.SLO{
		"any":   {Name: "any", Expect: lang.Expect{P50: time.Microsecond}},
		"api":   {Name: "api", Service: "api", Expect: lang.Expect{Throughput: 5}},
		"db":    {Name: "db", Service: "db", Expect: lang.Expect{P99: time.Second}},
		"other": {Name: "other", Service: "web", Expect: lang.Expect{P99: time.Second}},
	}
	res := &Result{Entry: &simulate.Metrics{Arrivals: 200, Throughput: 20, Latency: simulate.Latency{P50: 0.002}}}
	ld, cases, err := PickLoad(spec, "quick", "")
	if err != nil {
		t.Fatal(err)
	}
	j := Judge(spec, ld, cases, res)
	type verdict struct {
		Source, Target, Metric string
		Pass                   bool
	}
	var got []verdict
	for _, v := range j.Verdicts {
		got = append(got, verdict{v.Source, v.Target, v.Metric, v.Pass})
	}
	want := []verdict{
		{"slo any", "entry", "p50", false},
		{"slo api", "api", "throughput", true},
		{"scenario b-fine", "entry", "p50", true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("verdicts (-want +got):\n%s", d)
	}
	wantSkipped := []string{
		"slo db (service db: loadtest measures the entry, api)",
		"slo other (service web: loadtest measures the entry, api)",
	}
	if d := cmp.Diff(wantSkipped, j.NotChecked); d != "" {
		t.Errorf("not checked (-want +got):\n%s", d)
	}
	if j.Pass || j.Failed() != 1 || j.Result != res {
		t.Errorf("pass %v, %d failed, result %p: want a failure of 1 on %p", j.Pass, j.Failed(), j.Result, res)
	}
	if len(spec.SLOs) != 4 {
		t.Errorf("the spec's slos changed: %v", spec.SLOs)
	}

	// Nothing applies: no verdicts (an empty list, not null), a pass.
	spec.SLOs = nil
	j = Judge(spec, spec.Loads["steady"], []simulate.Case{{Load: "steady"}}, res)
	if j.Verdicts == nil || len(j.Verdicts) != 0 || !j.Pass {
		t.Errorf("no expectations: verdicts %#v, pass %v", j.Verdicts, j.Pass)
	}
}

// An slo on an endpoint of the entry that the load sends nothing to (the
// load enters another endpoint, or the endpoint has weight 0) is not
// checked, and says why: it was judged on the whole entry, the other
// endpoint's requests, and failed or passed on them.
func TestJudgeEndpointNotSent(t *testing.T) {
	spec := pickSpec()
	api := spec.Services["api"]
	api.Endpoints = []*lang.Endpoint{endpoint("list"), endpoint("create"), endpoint("admin")}
	api.Endpoints[2].Weight = 0
	spec.Scenarios = nil
	spec.SLOs = map[string]*lang.SLO{
		"list":   {Name: "list", Service: "api", Endpoint: "list", Expect: lang.Expect{P99: time.Second}},
		"create": {Name: "create", Service: "api", Endpoint: "create", Expect: lang.Expect{P99: time.Millisecond}},
		"admin":  {Name: "admin", Service: "api", Endpoint: "admin", Expect: lang.Expect{P99: time.Millisecond}},
	}
	ld := spec.Loads["quick"]
	ld.Entry.Endpoint = "list"
	res := &Result{Entry: &simulate.Metrics{Arrivals: 200, Throughput: 20, Latency: simulate.Latency{P99: 0.5}}}
	j := Judge(spec, ld, []simulate.Case{{Load: "quick"}}, res)
	if len(j.Verdicts) != 1 || j.Verdicts[0].Source != "slo list" || !j.Pass {
		t.Errorf("verdicts %+v, pass %v: want slo list alone, passing", j.Verdicts, j.Pass)
	}
	want := []string{
		"slo admin (endpoint api/admin: load quick sends it no request)",
		"slo create (endpoint api/create: load quick sends it no request)",
	}
	if d := cmp.Diff(want, j.NotChecked); d != "" {
		t.Errorf("not checked (-want +got):\n%s", d)
	}

	// The load over every endpoint by weight: admin (weight 0) gets none.
	ld.Entry.Endpoint = ""
	res.Entry.Endpoints = map[string]*simulate.Metrics{"list": res.Entry, "create": {Arrivals: 100, Latency: simulate.Latency{P99: 0.0005}}}
	j = Judge(spec, ld, []simulate.Case{{Load: "quick"}}, res)
	if len(j.Verdicts) != 2 || !j.Pass {
		t.Errorf("verdicts %+v, pass %v: want list and create, passing", j.Verdicts, j.Pass)
	}
	if d := cmp.Diff(want[:1], j.NotChecked); d != "" {
		t.Errorf("not checked (-want +got):\n%s", d)
	}
}
