package review

import (
	"fmt"
	"time"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/burst"
	"github.com/berth-dev/berth/simulate/whatif"
)

// loadRate is the rate of requests a load sends, as the analytic checks
// read it.
type loadRate struct {
	// peak is the highest rate within the run: the height of a bursty
	// load's bursts (utilisation during a burst is what saturates), and
	// for a closed load its throughput.
	peak float64
	// mean is the mean rate over the measured window: a bursty load's
	// bursts averaged over its cycles; a closed load's throughput.
	mean float64
	// text says what peak is, for a finding's message: "300/s", "600/s
	// during its bursts (100/s on average)".
	text string
}

// rateOf returns the rate of ld in a run of it. report, when not nil, is
// that run simulated: its length (--duration) bounds the peak, and a
// closed load's rate is the one simulated.
//
// An open load's rate is its profile's; a bursty one sends rate × (on +
// off) / on during its bursts and nothing between them. A closed load has
// no rate of its own: its users send as fast as the system answers them,
// X = users / (R + Z) with R the mean response time and Z the mean think
// time. Simulated, X is the entry's arrivals per second; without a
// simulation, users / (R0 + Z), with R0 the response time without
// queueing, is an upper bound of it.
func rateOf(spec *lang.Spec, ld *lang.Load, report *simulate.Report) loadRate {
	from, to := ld.Warmup, ld.Duration
	if report != nil {
		from, to = time.Duration(report.Warmup*float64(time.Second)), time.Duration(report.Duration*float64(time.Second))
	}
	if ld.Closed() {
		return closedRate(spec, ld, report, (to - from).Seconds())
	}
	peak := whatif.PeakRate(ld.Profile, to)
	r := loadRate{peak: peak, mean: profileMean(ld.Profile, from, to, peak), text: num(peak) + "/s"}
	if p, ok := burst.Of(ld, to); ok {
		r.peak = peak * p.Factor()
		r.text = fmt.Sprintf("%s/s during its bursts, %s/s on average", num(r.peak), num(r.mean))
	}
	return r
}

// closedRate is the throughput of the closed load ld: simulated when
// report ran it (over secs of measurement), else its upper bound.
func closedRate(spec *lang.Spec, ld *lang.Load, report *simulate.Report, secs float64) loadRate {
	if report != nil && report.Entry != nil && secs > 0 {
		x := float64(report.Entry.Arrivals) / (float64(max(report.Replications, 1)) * secs)
		return loadRate{peak: x, mean: x, text: fmt.Sprintf("%s/s, the simulated throughput of its %s", num(x), usersText(ld.Users))}
	}
	r0, z := whatif.ResponseTime(spec, ld), ld.ThinkTime.Mean()
	if r0+z <= 0 {
		return loadRate{}
	}
	x := float64(ld.Users) / (r0 + z)
	return loadRate{peak: x, mean: x, text: fmt.Sprintf("at most %s/s: %s / (%s of response without queueing + %s of think time)",
		num(x), usersText(ld.Users), seconds(r0), seconds(z))}
}

func usersText(n int) string {
	if n == 1 {
		return "1 user"
	}
	return fmt.Sprintf("%d users", n)
}

// profileMean is the mean rate of profile p over the window [from, to)
// (a load's measured window: after the warm-up, to the end); peak when
// the window is empty or sends nothing.
func profileMean(p lang.RateProfile, from, to time.Duration, peak float64) float64 {
	if to <= from {
		return peak
	}
	const n = 1000
	sum := 0.0
	for i := range n {
		sum += p.RateAt(from + (to-from)*time.Duration(2*i+1)/(2*n))
	}
	if sum <= 0 {
		return peak
	}
	return sum / n
}
