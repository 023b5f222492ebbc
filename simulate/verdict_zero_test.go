package simulate

import (
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
	r := &Report{Entry: &Metrics{Throughput: 50}}
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
