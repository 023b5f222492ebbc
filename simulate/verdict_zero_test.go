package simulate

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// A bound written as 0 gets a verdict like any other: p99 = 0 fails once
// a request takes time, throughput = 0 passes; a bound not written gets
// none.
func TestZeroBoundsJudged(t *testing.T) {
	sp := newSpec()
	at := func(line int) hcl.Range { return hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: line}} }
	sp.Scenarios["s"] = &lang.Scenario{Name: "s", Expect: &lang.Expect{
		Ranges: map[string]hcl.Range{"p99": at(3), "throughput": at(4)},
	}}
	r := &Report{Entry: &Metrics{Arrivals: 500, Throughput: 50}}
	r.Entry.Latency.P99 = 0.004
	CheckVerdicts(sp, Case{Scenario: "s"}, r)
	got := map[string]Verdict{}
	for _, v := range r.Verdicts {
		got[v.Metric] = v
	}
	if len(r.Verdicts) != 2 {
		t.Fatalf("verdicts %+v, want p99 and throughput", r.Verdicts)
	}
	if v := got["p99"]; v.Pass || v.Bound != 0 || v.Pos != "main.berth.hcl:3" {
		t.Errorf("p99 verdict %+v, want a failure against 0 at main.berth.hcl:3", v)
	}
	if v := got["throughput"]; !v.Pass || v.Bound != 0 || v.Op != ">=" {
		t.Errorf("throughput verdict %+v, want a pass against the floor 0", v)
	}
	if r.Pass {
		t.Error("the report passes with a failed verdict")
	}
}

// A target that no request reached fails its bounds for want of evidence,
// marked NoData: an slo on an endpoint the load never enters passed with
// p99 0 ms and error rate 0. One that requests reached is judged as usual.
func TestNoRequestsNoPass(t *testing.T) {
	sp := newSpec()
	sp.SLOs = map[string]*lang.SLO{
		"idle": {Name: "idle", Service: "b", Endpoint: "admin", Expect: lang.Expect{P99: 0.05e9, ErrorRate: new(float64)}},
		"busy": {Name: "busy", Service: "b", Endpoint: "list", Expect: lang.Expect{P99: 0.05e9}},
	}
	r := &Report{Entry: &Metrics{Arrivals: 100}, Services: map[string]*Metrics{"b": {Arrivals: 100, Endpoints: map[string]*Metrics{
		"list":  {Arrivals: 100, Latency: Latency{P99: 0.01}},
		"admin": {},
	}}}}
	CheckVerdicts(sp, Case{}, r)
	if len(r.Verdicts) != 3 || r.Pass {
		t.Fatalf("verdicts %+v, pass %v: want 3, failing", r.Verdicts, r.Pass)
	}
	for _, v := range r.Verdicts {
		idle := v.Source == "slo idle"
		if v.NoData != idle || v.Pass == idle {
			t.Errorf("%s %s: pass %v, no data %v", v.Source, v.Metric, v.Pass, v.NoData)
		}
	}
}

// Verdicts come in the order their bounds are written, not in a fixed
// order of metrics.
func TestVerdictsInSourceOrder(t *testing.T) {
	sp := newSpec()
	at := func(line int) hcl.Range {
		return hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: line, Byte: 10 * line}}
	}
	sp.Scenarios["s"] = &lang.Scenario{Name: "s", Expect: &lang.Expect{
		Throughput: 20, Mean: 1e6, P99: 1e6,
		Ranges: map[string]hcl.Range{"throughput": at(3), "mean": at(4), "p99": at(2)},
	}}
	r := &Report{Entry: &Metrics{Arrivals: 100, Throughput: 10}}
	CheckVerdicts(sp, Case{Scenario: "s"}, r)
	var got []string
	for _, v := range r.Verdicts {
		got = append(got, v.Metric)
	}
	if strings.Join(got, " ") != "p99 throughput mean" {
		t.Errorf("verdicts in the order %v, want the source's: p99 throughput mean", got)
	}
}
