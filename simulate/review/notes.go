package review

import (
	"fmt"
	"strings"
	"time"

	"github.com/berth-dev/berth/lang"
)

// lateFaultNotes says which faults of the simulated scenarios never fire
// because their run ends first (--duration, or the load's own duration):
// such a scenario's deltas are those of its load without the failure, and
// a reviewer reading the comment must know. A fault both sides have is
// one note; one side's own names the side.
func lateFaultNotes(old, new Side, opts Options) []string {
	oldNotes, newNotes := lateFaults(old.Spec, opts), lateFaults(new.Spec, opts)
	var out []string
	inNew := map[string]bool{}
	for _, n := range newNotes {
		inNew[n] = true
	}
	inOld := map[string]bool{}
	for _, n := range oldNotes {
		inOld[n] = true
		if !inNew[n] {
			out = append(out, fmt.Sprintf("%s (%s only)", n, old.Label))
		}
	}
	for _, n := range newNotes {
		if inOld[n] {
			out = append(out, n)
		} else {
			out = append(out, fmt.Sprintf("%s (%s only)", n, new.Label))
		}
	}
	return out
}

// lateFaults lists, one line each, the faults of spec's selected
// scenarios that start at or after the end of their run.
func lateFaults(spec *lang.Spec, opts Options) []string {
	var out []string
	for _, c := range casesOf(spec, opts.Loads, opts.Scenarios) {
		sc, ld := spec.Scenarios[c.Scenario], spec.Loads[c.Load]
		if sc == nil || ld == nil {
			continue
		}
		end, why := ld.Duration, fmt.Sprintf("the duration of load %s", ld.Name)
		if opts.Duration > 0 {
			end, why = opts.Duration, "--duration "+opts.Duration.String()
		}
		for _, f := range sc.LateFaults(end) {
			out = append(out, fmt.Sprintf("scenario %s: its %s fault at %s never fires, since the run ends at %s (%s); its deltas are those of the run without it", sc.Name, f.Kind, shortDuration(f.At), shortDuration(end), why))
		}
	}
	return out
}

// shortDuration writes d without zero units: "1m" rather than "1m0s",
// "1h30m" rather than "1h30m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
