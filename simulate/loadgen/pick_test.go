package loadgen

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// pickSpec has two loads; "quick" has two scenarios without faults and
// one with, "steady" none.
func pickSpec() *lang.Spec {
	s := testSpec(service("api", 4, lang.Const(time.Millisecond)))
	s.Loads = map[string]*lang.Load{"steady": load(10, "", time.Minute), "quick": load(20, "", time.Minute)}
	for name, ld := range s.Loads {
		ld.Name = name
		ld.Entry.Service = "api"
	}
	s.Scenarios = map[string]*lang.Scenario{
		"b-fine":  {Name: "b-fine", Load: "quick", Expect: &lang.Expect{P50: time.Second}},
		"a-fine":  {Name: "a-fine", Load: "quick"},
		"crash":   {Name: "crash", Load: "quick", Faults: []*lang.Fault{{Kind: lang.FaultKill, Service: "api"}}},
		"elsewhr": {Name: "elsewhr", Load: "steady", Faults: []*lang.Fault{{Kind: lang.FaultKill, Service: "api"}}},
	}
	return s
}

func TestPickLoad(t *testing.T) {
	one := pickSpec()
	delete(one.Loads, "quick")
	none := pickSpec()
	none.Loads, none.Scenarios = nil, nil
	closed := pickSpec()
	closed.Loads["quick"].Users = 30
	for _, tc := range []struct {
		name            string
		spec            *lang.Spec
		load, scenario  string
		wantLoad        string
		wantCases       []simulate.Case
		wantErrContains string
	}{
		{"the load's scenarios without faults, by name", pickSpec(), "quick", "", "quick",
			[]simulate.Case{{Load: "quick", Scenario: "a-fine"}, {Load: "quick", Scenario: "b-fine"}}, ""},
		{"a load whose scenarios all have faults: alone", pickSpec(), "steady", "", "steady", []simulate.Case{{Load: "steady"}}, ""},
		{"the scenario's load", pickSpec(), "", "b-fine", "quick", []simulate.Case{{Load: "quick", Scenario: "b-fine"}}, ""},
		{"the scenario, another load", pickSpec(), "steady", "b-fine", "steady", []simulate.Case{{Load: "steady", Scenario: "b-fine"}}, ""},
		{"the only load", one, "", "", "steady", []simulate.Case{{Load: "steady"}}, ""},
		{"two loads, none chosen", pickSpec(), "", "", "", nil, "the spec declares 2 loads; choose one with --load: quick, steady"},
		{"no loads", none, "", "", "", nil, "the spec declares no load to send: add a load block (with entry = service.NAME, rate = 50, duration = \"60s\")"},
		{"unknown load", pickSpec(), "slow", "", "", nil, `there is no load "slow"; the loads are: quick, steady`},
		{"unknown scenario", pickSpec(), "", "nope", "", nil, `there is no scenario "nope"; the scenarios are: a-fine, b-fine, crash, elsewhr`},
		{"a scenario with faults", pickSpec(), "", "crash", "", nil, `scenario "crash" has faults, and a load test plays none`},
		{"a closed load", closed, "quick", "", "", nil, `load "quick" is closed (users = 30): the load generator sends open loads only`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ld, cases, err := PickLoad(tc.spec, tc.load, tc.scenario)
			if tc.wantErrContains != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErrContains) {
					t.Fatalf("error %v, want one saying %q", err, tc.wantErrContains)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ld.Name != tc.wantLoad {
				t.Errorf("load %s, want %s", ld.Name, tc.wantLoad)
			}
			if d := cmp.Diff(tc.wantCases, cases); d != "" {
				t.Errorf("cases (-want +got):\n%s", d)
			}
		})
	}
}
