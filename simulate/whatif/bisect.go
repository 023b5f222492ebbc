package whatif

import (
	"math"
	"sort"
)

// line is one bisection: every dimension fixed but the bisected one,
// whose least passing index lies in [lo, hi] (hi = n: none passes).
type line struct {
	fixed  []int
	lo, hi int
}

// capacitySearch finds, at multiplier k, the least passing value of the
// dimension with the most values for every combination of the others.
// The lines go in waves, the least capacity first, as many lines at once
// as simulations run in parallel: within a wave every line bisects one
// configuration per round, and the lines of later waves start from what
// earlier ones decided (more capacity than a passing configuration
// passes), which walks the staircase of the passing region's boundary.
func (s *searcher) capacitySearch(k int) {
	bi := s.bisectDim()
	if bi < 0 {
		s.sweep(k)
		return
	}
	n := len(s.opts.Dims[bi].Values)
	var lines []*line
	for _, fixed := range s.combinations(bi) {
		lines = append(lines, &line{fixed: fixed, lo: 0, hi: n})
	}
	sort.SliceStable(lines, func(i, j int) bool { return sum(lines[i].fixed) < sum(lines[j].fixed) })
	wave := max(2, s.opts.Parallelism)
	for start := 0; start < len(lines); start += wave {
		s.bisectLines(k, bi, lines[start:min(start+wave, len(lines))])
		if s.diags.HasErrors() {
			return
		}
	}
	s.pickBest(k, lines, func(l *line, i int) config { return lineAt(l, bi, i, k) }, n)
}

func lineAt(l *line, bi, i, k int) config {
	idx := append([]int(nil), l.fixed...)
	idx[bi] = i
	return config{idx: idx, scale: k}
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// bisectLines bisects lines together, one configuration per line and
// round.
func (s *searcher) bisectLines(k, bi int, lines []*line) {
	at := func(l *line, i int) config { return lineAt(l, bi, i, k) }
	for {
		var batch []config
		var waiting []*line
		for _, l := range lines {
			for l.lo < l.hi {
				mid := (l.lo + l.hi) / 2
				pass, ok := s.decide(at(l, mid))
				if !ok {
					batch = append(batch, at(l, mid))
					waiting = append(waiting, l)
					break
				}
				l.narrow(mid, pass)
			}
		}
		if len(batch) == 0 {
			break
		}
		s.runBatch(batch)
		for i, l := range waiting {
			pass, _ := s.decide(batch[i])
			l.narrow((l.lo+l.hi)/2, pass)
		}
		if s.diags.HasErrors() {
			return
		}
	}
}

func (l *line) narrow(mid int, pass bool) {
	if pass {
		l.hi = mid
	} else {
		l.lo = mid + 1
	}
}

// bisectDim is the monotone dimension with the most values (the last on
// a tie), or -1 when no dimension is monotone.
func (s *searcher) bisectDim() int {
	best := -1
	for i, d := range s.opts.Dims {
		if d.Monotone() && (best < 0 || len(d.Values) >= len(s.opts.Dims[best].Values)) {
			best = i
		}
	}
	return best
}

// sweep decides, at multiplier k, every combination of the dimensions
// when none is monotone (only queue varies): nothing can be bisected.
func (s *searcher) sweep(k int) {
	var lines []*line
	var batch []config
	for _, idx := range s.combinations(-1) {
		lines = append(lines, &line{fixed: idx})
		if _, ok := s.decide(config{idx: idx, scale: k}); !ok {
			batch = append(batch, config{idx: idx, scale: k})
		}
	}
	s.runBatch(batch)
	if s.diags.HasErrors() {
		return
	}
	for _, l := range lines {
		if pass, _ := s.decide(config{idx: l.fixed, scale: k}); !pass {
			l.hi = 1
		}
	}
	s.pickBest(k, lines, func(l *line, _ int) config { return config{idx: l.fixed, scale: k} }, 1)
}

// combinations lists every index vector of the dimensions other than bi
// (bi's entry is left 0).
func (s *searcher) combinations(bi int) [][]int {
	out := [][]int{make([]int, len(s.opts.Dims))}
	for d, dim := range s.opts.Dims {
		if d == bi {
			continue
		}
		var next [][]int
		for _, c := range out {
			for i := range dim.Values {
				x := append([]int(nil), c...)
				x[d] = i
				next = append(next, x)
			}
		}
		out = next
	}
	return out
}

// pickBest takes the cheapest of the lines' least passing
// configurations, simulating it first when it was only inferred; a
// candidate that fails when simulated (noise at the boundary) gives way
// to the next cheapest.
func (s *searcher) pickBest(k int, lines []*line, at func(*line, int) config, n int) {
	type cand struct {
		c    config
		cost float64
	}
	var cands []cand
	for _, l := range lines {
		if l.hi < n {
			c := at(l, l.hi)
			cands = append(cands, cand{c, Cost(s.variant(c), s.opts.MemoryWeight)})
		}
	}
	best := Best{Scale: s.opts.Scales[k]}
	for len(cands) > 0 {
		i := cheapest(len(cands), func(i int) (float64, []int) { return cands[i].cost, cands[i].c.idx })
		c := cands[i].c
		if s.known[c.key()] == nil {
			s.runBatch([]config{c})
		}
		if t := s.known[c.key()]; t != nil && t.Status == StatusPass {
			t.Cheapest = true
			best.Trial = t
			break
		}
		cands = append(cands[:i], cands[i+1:]...)
	}
	s.res.Best = append(s.res.Best, best)
	if best.Trial != nil {
		s.res.MaxScale = math.Max(s.res.MaxScale, best.Scale)
	}
}

// cheapest returns the index of the lowest cost, ties broken by the
// smaller sum of indices (fewer workers, which cost nothing, when they
// are not needed).
func cheapest(n int, get func(int) (float64, []int)) int {
	best, bestCost, bestSum := 0, math.Inf(1), math.MaxInt
	for i := range n {
		cost, idx := get(i)
		sum := 0
		for _, x := range idx {
			sum += x
		}
		if cost < bestCost-1e-9 || (math.Abs(cost-bestCost) <= 1e-9 && sum < bestSum) {
			best, bestCost, bestSum = i, cost, sum
		}
	}
	return best
}

// scaleSearch bisects the multipliers for the highest that passes with
// the spec's own capacity.
func (s *searcher) scaleSearch() {
	lo, hi := 0, len(s.opts.Scales) // passing ⇔ index < boundary; find it
	for lo < hi {
		mid := (lo + hi) / 2
		c := config{scale: mid}
		pass, ok := s.decide(c)
		if !ok {
			s.runBatch([]config{c})
			if s.diags.HasErrors() {
				return
			}
			pass, _ = s.decide(c)
		}
		if pass {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo > 0 {
		s.res.MaxScale = s.opts.Scales[lo-1]
		if t := s.known[config{scale: lo - 1}.key()]; t != nil {
			t.Cheapest = true
			s.res.Best = []Best{{Scale: t.Scale, Trial: t}}
		}
	}
}

// finish sorts the trials and marks the Pareto front of cost against
// p99 and error rate among the passing ones at each multiplier: the
// configurations worth paying for. A failing one is never worth it,
// however low its p99 (it broke some other bound); and with no dimension
// varied there is one configuration per multiplier, nothing to trade.
func (s *searcher) finish() {
	sortTrials(s.res.Trials)
	if len(s.opts.Dims) == 0 {
		return
	}
	for _, t := range s.res.Trials {
		if t.Status != StatusPass {
			continue
		}
		t.Pareto = true
		for _, u := range s.res.Trials {
			if u != t && u.Status == StatusPass && u.Scale == t.Scale && dominates(u, t) {
				t.Pareto = false
				break
			}
		}
	}
}

// dominates: u is no worse than t in cost, p99 and error rate, and
// better in one.
func dominates(u, t *Trial) bool {
	le := u.Cost <= t.Cost && u.P99 <= t.P99 && u.ErrorRate <= t.ErrorRate
	lt := u.Cost < t.Cost || u.P99 < t.P99 || u.ErrorRate < t.ErrorRate
	return le && lt
}
