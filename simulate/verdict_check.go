package simulate

import "github.com/berth-dev/berth/lang"

// CheckVerdicts checks the expectations that apply to case c (its
// scenario's expect block on the entry, and every slo) against the metrics
// in r, and sets r.Verdicts and r.Pass. Run does this for simulated
// metrics; `berth loadtest` calls it on measured ones, so a measurement
// and a simulation are judged by the same rules.
func CheckVerdicts(spec *lang.Spec, c Case, r *Report) { verdicts(spec, c, r) }
