package loadgen

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// PickLoad returns the load to send and the cases whose expectations
// apply to it: the scenario asked for (which must have no faults: a load
// test plays none), else the load's scenarios without faults, else the
// load alone (its slos). With neither name, the spec must declare exactly
// one load.
func PickLoad(spec *lang.Spec, load, scenario string) (*lang.Load, []simulate.Case, error) {
	if scenario != "" {
		sc := spec.Scenarios[scenario]
		if sc == nil {
			return nil, nil, fmt.Errorf("there is no scenario %q; the scenarios are: %s", scenario, joinNames(spec.Scenarios))
		}
		if len(sc.Faults) > 0 {
			return nil, nil, fmt.Errorf("scenario %q has faults, and a load test plays none (kill, node_down and partition are Docker's to do; hang, slow and error can be injected with POST /_berth/fault): run berth simulate --scenario %s, or send its load with --load %s", sc.Name, sc.Name, sc.Load)
		}
		if load == "" {
			load = sc.Load
		}
	}
	if load == "" {
		if len(spec.Loads) == 0 {
			return nil, nil, fmt.Errorf(`the spec declares no load to send: add a load block (with entry = service.NAME, rate = 50, duration = "60s")`)
		}
		if len(spec.Loads) != 1 {
			return nil, nil, fmt.Errorf("the spec declares %d loads; choose one with --load: %s", len(spec.Loads), joinNames(spec.Loads))
		}
		load = spec.SortedLoads()[0].Name
	}
	ld := spec.Loads[load]
	if ld == nil {
		return nil, nil, fmt.Errorf("there is no load %q; the loads are: %s", load, joinNames(spec.Loads))
	}
	if ld.Closed() {
		return nil, nil, fmt.Errorf("load %q is closed (users = %d): the load generator sends open loads only, at a rate; simulate this one with berth simulate, or send an open load (--load) of about the rate it reaches there", ld.Name, ld.Users)
	}
	if scenario != "" {
		return ld, []simulate.Case{{Load: load, Scenario: scenario}}, nil
	}
	return ld, faultlessCases(spec, load), nil
}

// faultlessCases are the scenarios of load without faults, or the load
// alone when it has none.
func faultlessCases(spec *lang.Spec, load string) []simulate.Case {
	var cases []simulate.Case
	for _, sc := range spec.SortedScenarios() {
		if sc.Load == load && len(sc.Faults) == 0 {
			cases = append(cases, simulate.Case{Load: load, Scenario: sc.Name})
		}
	}
	if len(cases) == 0 {
		cases = []simulate.Case{{Load: load}}
	}
	return cases
}

// joinNames lists the keys of m, sorted, or says there are none.
func joinNames[V any](m map[string]V) string {
	if len(m) == 0 {
		return "(none)"
	}
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}
