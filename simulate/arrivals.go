package simulate

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/burst"
)

// generator is the load: it draws arrival times from the load's arrival
// process and rate profile and sends each request to the entry service.
//
// Poisson arrivals with a changing rate are drawn segment by segment: the
// rate is constant between step times and burst phase changes, so an
// exponential gap is drawn at the segment's rate, and a gap that crosses
// the segment's end is redrawn from that end (exact, by memorylessness).
// During a ramp or a diurnal cycle the rate changes continuously and
// arrivals are thinned (Lewis–Shedler): candidates at the profile's peak
// rate, each kept with probability rate(t)/peak. Constant arrivals on any
// profile but a constant rate (a ramp, steps, a diurnal cycle) are placed
// where the rate's integral reaches 1, 2, 3, ... (nextSpaced), so a rate
// that starts at 0 still gets its arrivals, and a gap drawn at a low rate
// never jumps over a step to a higher one.
type generator struct {
	load    *lang.Load
	prof    lang.RateProfile
	svc     *service
	ep      *endpoint // the load's endpoint; nil: by weight
	rng     *rand.Rand
	pick    *rand.Rand
	end     int64
	t       float64 // time of the last arrival, ns (float: constant gaps do not drift)
	rr      uint64  // round robin over the entry's replicas (ingress)
	bursty  bool
	burst   burst.Phases
	poisson bool
	// flat is the rate per ns of a constant, non-bursty profile (the
	// fast path), else 0.
	flat float64
	// due is the number of constant arrivals placed so far (nextSpaced).
	due float64
}

func (s *sim) newGenerator(ld *lang.Load, svc *service, ep *endpoint) *generator {
	g := &generator{load: ld, prof: ld.Profile, svc: svc, ep: ep, end: s.end,
		rng:  stream(s.seed, "load/"+ld.Name+"/arrivals"),
		pick: stream(s.seed, "load/"+ld.Name+"/endpoints"),
	}
	if g.prof.Kind == "" {
		g.prof.Kind = lang.ProfileConstant
	}
	switch ld.Arrival {
	case lang.ArrivalConstant:
	case lang.ArrivalBursty:
		g.poisson = true
		g.burst, g.bursty = burst.Of(ld, time.Duration(s.end))
	default:
		g.poisson = true
	}
	if ld.Closed() { // its users send (users.go); no arrival process
		g.end = 0
		return g
	}
	if g.prof.Kind == lang.ProfileConstant && !g.bursty && g.prof.Rate > 0 {
		g.flat = g.prof.Rate / 1e9
		if !g.poisson {
			g.t = -0.5 / g.flat // the first constant arrival half a gap in, as in nextSpaced
		}
	}
	return g
}

// rate returns the arrival rate at t (per ns), its maximum until the end
// of t's segment, and that end.
func (g *generator) rate(t int64) (r, peak float64, segEnd int64) {
	segEnd = g.end
	p := g.prof
	r = p.RateAt(durationNs(t)) / 1e9
	peak = r
	switch p.Kind {
	case lang.ProfileRamp:
		if t < int64(p.Over) {
			segEnd = int64(p.Over)
			peak = math.Max(p.From, p.To) / 1e9
		}
	case lang.ProfileDiurnal:
		peak = p.Peak() / 1e9
	case lang.ProfileSteps:
		for _, st := range p.Steps {
			if int64(st.At) > t {
				segEnd = min(segEnd, int64(st.At))
				break
			}
		}
	}
	if g.bursty {
		on, until := g.burst.At(t)
		if !on {
			return 0, 0, min(segEnd, until)
		}
		f := g.burst.Factor()
		r, peak = r*f, peak*f
		segEnd = min(segEnd, until)
	}
	return r, peak, segEnd
}

// next returns the time of the next arrival after the last one, or -1 when
// the load ends first.
func (g *generator) next() int64 {
	if g.flat > 0 {
		if g.poisson {
			g.t += g.rng.ExpFloat64() / g.flat
		} else {
			g.t += 1 / g.flat
		}
		if g.t >= float64(g.end) {
			return -1
		}
		return int64(g.t)
	}
	if !g.poisson {
		return g.nextSpaced()
	}
	t := g.t
	for t < float64(g.end) {
		r, peak, seg := g.rate(int64(t))
		if peak <= 0 {
			t = float64(seg)
			continue
		}
		c := t + g.rng.ExpFloat64()/peak
		if c >= float64(seg) {
			t = float64(seg)
			continue
		}
		t = c
		if peak > r || g.varies() {
			if g.rng.Float64()*peak > g.prof.RateAt(durationNs(int64(t)))/1e9*g.burstFactor() {
				continue
			}
		}
		break
	}
	g.t = t
	if t >= float64(g.end) {
		return -1
	}
	return int64(t)
}

// varies reports whether the profile's rate changes continuously.
func (g *generator) varies() bool {
	return g.prof.Kind == lang.ProfileRamp || g.prof.Kind == lang.ProfileDiurnal
}

// nextSpaced returns the next constant arrival on a varying profile: the
// k-th arrival is where the integral of the rate from 0 reaches k − ½,
// found by bisection to the ns (steps: solved exactly, see stepsReach);
// -1 when the load ends first. Centring each arrival in its share of the
// integral makes a load of rate r for d seconds send r·d requests, and
// any window [a, b) receive the integral over it, rounded: arrivals at
// whole numbers would put the last one on the end of the load, where it
// is not sent (rate 10 for 10 s sent 99).
func (g *generator) nextSpaced() int64 {
	g.due++
	target := g.due - 0.5
	if g.prof.Kind == lang.ProfileSteps {
		g.t = math.Min(g.stepsReach(target), float64(g.end))
		if g.t >= float64(g.end) {
			return -1
		}
		return int64(g.t)
	}
	if g.prof.Cumulative(durationNs(g.end)) < target {
		g.t = float64(g.end)
		return -1
	}
	lo, hi := math.Max(g.t, 0), float64(g.end)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if g.prof.Cumulative(durationNs(int64(mid))) < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	g.t = hi
	if hi >= float64(g.end) {
		return -1
	}
	return int64(hi)
}

// stepsReach returns the first ns at which the integral of a steps
// profile reaches n arrivals (+Inf when it never does): the rate is
// constant between steps, so the integral is linear there and inverts in
// one division.
func (g *generator) stepsReach(n float64) float64 {
	p := &g.prof
	sum, r, from := 0.0, p.Rate, 0.0 // from in ns
	for _, st := range p.Steps {
		at := float64(st.At)
		if at > from {
			seg := r * (at - from) / 1e9
			if r > 0 && sum+seg >= n {
				break // n is reached before this step
			}
			sum, from = sum+seg, at
		}
		r = st.Rate
	}
	if r <= 0 {
		return math.Inf(1)
	}
	return math.Ceil(from + (n-sum)/r*1e9)
}

func (g *generator) burstFactor() float64 {
	if !g.bursty {
		return 1
	}
	return g.burst.Factor()
}

// endpoint picks the endpoint of the next request.
func (g *generator) endpoint() *endpoint {
	if g.ep != nil {
		return g.ep
	}
	eps := g.svc.endpoints
	if len(eps) == 1 {
		return eps[0]
	}
	cum := g.svc.epCum
	x := g.pick.Float64() * cum[len(cum)-1]
	for i, c := range cum {
		if x < c {
			return eps[i]
		}
	}
	return eps[len(eps)-1]
}

// scheduleArrival draws the time of the next arrival. It waits in
// s.nextArrival rather than in the heap: the load is the busiest source of
// events, and one comparison per event is cheaper than a push and a pop.
func (s *sim) scheduleArrival() {
	s.nextArrival = s.gen.next()
	if s.nextArrival < 0 {
		s.nextArrival = math.MaxInt64
	}
}

// arrival sends one request of an open load into the entry service.
func (s *sim) arrival() {
	if s.tooManyHeld() {
		return
	}
	s.scheduleArrival()
	s.sendEntry(0)
}

// sendEntry sends one request into the entry service, for user (from 1)
// of a closed load, or 0 for an open load.
func (s *sim) sendEntry(user uint32) {
	g := s.gen
	ep := g.endpoint()
	rot := g.svc.rotation
	measured := s.now >= s.warmup
	s.entry.arrive(measured)
	if len(rot) == 0 { // nothing listens: the connection is refused
		s.entry.answer(0, failRefused, false, measured)
		s.userThinks(user)
		return
	}
	r := g.svc.replicas[rot[g.rr%uint64(len(rot))]]
	g.rr++
	j := s.pool.get(ep)
	j.user = user
	j.flags = jobEntry
	if measured {
		j.flags |= jobEntryMeasured
	}
	j.sent = s.now
	s.attach(j, r)
	if s.client != nil {
		// The client's clock starts as it sends, whether or not the
		// request reaches a process (one on a lost node never does).
		s.pipeAdd(s.client, s.clientTO, evGiveUp, 0, j, 0, 0)
	}
	if r.state == repFrozen {
		s.at(0, evDeliver, j, 0, 0)
		return
	}
	s.arrive(j)
}
