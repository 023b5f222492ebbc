package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/berth-dev/berth/simulate"
)

// saturatedUtil is the utilisation from which a service is said to be
// saturated: its workers were busy nearly all the time, so requests wait
// for a worker and queueing, not work, makes its latency. At ρ ≥ 1 (an
// overload) the utilisation reads 1.00 and the queue grows for as long
// as the load lasts.
const saturatedUtil = 0.98

// writeSaturatedText names the saturated services of a run, with what to
// try: the table shows util 1.00, which a reader can take for healthy.
func writeSaturatedText(w io.Writer, r *simulate.Report, dir string) {
	var parts []string
	for _, name := range sortedNames(r.Services) {
		m := r.Services[name]
		if m.Utilization >= saturatedUtil {
			parts = append(parts, fmt.Sprintf("%s (util %.2f, queue mean %.1f, max %d)", name, m.Utilization, m.Queue.Mean, m.Queue.Max))
		}
	}
	if len(parts) == 0 {
		return
	}
	first := strings.SplitN(parts[0], " ", 2)[0]
	with := "" // whatif keeps the configurations under which the verdicts hold
	if len(r.Verdicts) == 0 {
		with = "with an slo block, "
	}
	fmt.Fprintf(w, "  saturated: %s: the workers were busy nearly all the time, so requests wait for one, and above capacity the queue and the latency grow for as long as the load lasts. Add workers or replicas; %sberth whatif %s --vary '%s.replicas=1..8' finds how many\n",
		strings.Join(parts, ", "), with, dir, first)
}
