// Package burst places the on and off phases of a bursty load
// (arrival = "bursty") in a run, for the simulator (simulate) and the
// real load generator (simulate/loadgen) alike, so both send the same
// shape.
//
// A cycle is burst.on then burst.off, starting with a burst at the start
// of the run; during a burst the load runs at its rate × (on + off) / on,
// so a whole cycle averages the rate. A run that ends inside a cycle (one
// shorter than a cycle, or not a whole number of them) would average more
// than the rate when it ends in or just after a burst, up to (on + off) /
// on times more. So the last, partial cycle keeps the proportions of a
// whole one: over its length L the burst lasts L × on / (on + off), at
// the same rate, and the rest is off. Every run then offers the rate on
// average, whatever its length, and no burst is higher than the spec's.
package burst

import (
	"time"

	"github.com/berth-dev/berth/lang"
)

// Phases are the on/off phases of a bursty load over a run of length End
// (ns): On ns on then Per − On ns off, from time 0.
type Phases struct {
	On, Per, End int64
}

// At reports whether time t (ns, 0 ≤ t) falls in a burst, and when that
// phase ends: the end of the burst, or the start of the next cycle (at
// most End while t is before it).
func (p Phases) At(t int64) (on bool, until int64) {
	start := t - t%p.Per
	next := start + p.Per
	burst := start + p.On
	if next > p.End { // the last, partial cycle: the burst shrinks with it
		rest := max(p.End-start, 0)
		burst = start + int64(float64(rest)*float64(p.On)/float64(p.Per))
		next = max(p.End, start)
	}
	if t < burst {
		return true, burst
	}
	return false, max(next, t)
}

// Factor is the rate of a burst over the load's rate: (on + off) / on.
func (p Phases) Factor() float64 { return float64(p.Per) / float64(p.On) }

// Of returns the phases of ld over a run of length end, and whether ld is
// bursty with both phases set (otherwise it sends at its rate throughout).
func Of(ld *lang.Load, end time.Duration) (Phases, bool) {
	if ld.Arrival != lang.ArrivalBursty || ld.BurstOn <= 0 || ld.BurstOff <= 0 {
		return Phases{}, false
	}
	return Phases{On: int64(ld.BurstOn), Per: int64(ld.BurstOn + ld.BurstOff), End: int64(end)}, true
}
