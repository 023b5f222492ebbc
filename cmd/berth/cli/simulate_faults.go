package cli

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// cutOffFaults warns about the faults that a run leaves out because the
// command line shortened it: --duration, or --load giving a scenario a
// shorter load than its own. The loader has already warned about faults
// past the end of the scenario's own load.
func cutOffFaults(spec *lang.Spec, opts simulate.Options) hcl.Diagnostics {
	cases, _ := simulate.Cases(spec, opts) // Run reports a bad name
	var out hcl.Diagnostics
	for _, c := range cases {
		sc, ld := spec.Scenarios[c.Scenario], spec.Loads[c.Load]
		if sc == nil || ld == nil || spec.Loads[sc.Load] == nil {
			continue
		}
		own := spec.Loads[sc.Load]
		end, why := ld.Duration, fmt.Sprintf("the duration of load %q, run by --load", ld.Name)
		if opts.Duration > 0 {
			end, why = opts.Duration, "--duration "+opts.Duration.String()
		}
		for _, f := range sc.LateFaults(end) {
			if f.At < own.Duration {
				out = append(out, f.NeverFires(end, why))
			}
		}
	}
	return out
}
