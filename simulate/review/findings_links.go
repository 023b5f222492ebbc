package review

import (
	"fmt"
	"math"
	"time"

	"github.com/berth-dev/berth/lang"
)

// linkFindings checks every caller → callee edge: timeouts, retries and
// budgets.
func (c *checker) linkFindings() {
	for _, l := range c.spec.SortedLinks() {
		if c.spec.Services[l.From] == nil || c.spec.Services[l.To] == nil {
			continue
		}
		c.noTimeout(l)
		c.timeoutBelowP99(l)
		c.retryAmplification(l)
		c.retryWithoutBudget(l)
	}
}

func linkSubject(l *lang.Link) string { return "link." + l.Key().String() }

func (c *checker) noTimeout(l *lang.Link) {
	if l.Timeout > 0 {
		return
	}
	where := fmt.Sprintf("Add `timeout` to link %q %q", l.From, l.To)
	if l.Implicit {
		where = fmt.Sprintf("Declare link %q %q with a `timeout`", l.From, l.To)
	}
	c.add(KindNoTimeout, SeverityWarning, linkSubject(l), l.DeclRange, 1, fmt.Sprintf(
		"Calls from %s to %s have no timeout: if %s hangs, each call holds a worker of %s until it answers, and the failure cascades upstream. %s, above the p99 of %s at peak.",
		l.From, l.To, l.To, l.From, where, l.To))
}

func (c *checker) timeoutBelowP99(l *lang.Link) {
	if l.Timeout <= 0 || c.report == nil {
		return
	}
	m := c.report.Services[l.To]
	if m == nil || m.Latency.P99 <= l.Timeout.Seconds() {
		return
	}
	share := ""
	for _, lm := range c.report.Links {
		if lm.From == l.From && lm.To == l.To && lm.Attempts > 0 {
			share = fmt.Sprintf(" In the simulation %.1f %% of the attempts timed out.", 100*float64(lm.Timeouts)/float64(lm.Attempts))
		}
	}
	rng, _ := c.src.attrRange([]string{"link", l.From, l.To}, l.DeclRange, "timeout")
	if rng.Filename == "" {
		rng = l.DeclRange
	}
	c.add(KindTimeoutBelowP99, SeverityWarning, linkSubject(l), rng, m.Latency.P99/l.Timeout.Seconds(), fmt.Sprintf(
		"The timeout of %s → %s (%s) is below the simulated p99 of %s at the peak of load %q (%s): the caller gives up on calls that would have succeeded, and %s keeps working on them.%s",
		l.From, l.To, l.Timeout, l.To, c.peak.Name, seconds(m.Latency.P99), l.To, share))
}

func (c *checker) retryWithoutBudget(l *lang.Link) {
	if l.Retry == nil || l.Retry.Attempts <= 1 || l.Retry.Budget > 0 {
		return
	}
	c.add(KindRetryNoBudget, SeverityWarning, linkSubject(l), l.Retry.DeclRange, float64(l.Retry.Attempts), fmt.Sprintf(
		"The retries of %s → %s (%d attempts) have no budget: when %s struggles, every failed call is retried in full. Add `budget = 0.1` (retries at most 10 %% of the calls in flight).",
		l.From, l.To, l.Retry.Attempts, l.To))
}

// retryAmplification flags ρ·(1+R) > 1 at the declared peak. With a
// budget b and a floor m of retries in flight, retries are capped at about
// max(b/(1−b), m/N) per call, N = calls in flight on the edge when every
// attempt runs to its timeout (λ·T, Little's law); the finding is a notice
// when that cap keeps ρ·(1+R) at or below 1.
func (c *checker) retryAmplification(l *lang.Link) {
	if l.Retry == nil || l.Retry.Attempts <= 1 || c.peak == nil {
		return
	}
	r := float64(l.Retry.Attempts - 1)
	rho, src := c.rho(l.To)
	if !aboveOne(rho * (1 + r)) {
		return
	}
	rng, _ := c.src.attrRange([]string{"link", l.From, l.To}, l.DeclRange, "retry.attempts")
	if rng.Filename == "" {
		rng = l.Retry.DeclRange
	}
	msg := fmt.Sprintf("Retries on %s → %s can push %s past its capacity: ρ·(1+R) = %.2f × (1+%d) = %.2f > 1 at the peak of load %q (%s; ρ %s). Once attempts time out, each call becomes up to %d attempts, and the extra load keeps %s too slow to recover (a retry storm).",
		l.From, l.To, l.To, rho, int(r), rho*(1+r), c.peak.Name, c.rate.text, src, l.Retry.Attempts, l.To)
	if l.Retry.Budget <= 0 {
		c.add(KindRetryAmplification, SeverityWarning, linkSubject(l), rng, rho*(1+r), msg+" There is no retry budget to stop it: add `budget = 0.1` or lower `attempts`.")
		return
	}
	capR := c.budgetCap(l, r)
	if aboveOne(rho * (1 + capR)) {
		c.add(KindRetryAmplification, SeverityWarning, linkSubject(l), rng, rho*(1+r), msg+fmt.Sprintf(
			" The retry budget (%s) still lets about %.2f retries per call through: ρ·(1+%.2f) = %s > 1. Lower `budget` or `attempts`.",
			percent(l.Retry.Budget), capR, capR, nearOne(rho*(1+capR))))
		return
	}
	c.add(KindRetryAmplification, SeverityNotice, linkSubject(l), rng, rho*(1+r), msg+fmt.Sprintf(
		" The retry budget (%s, at least %d retries in flight) caps retries at about %.2f per call: ρ·(1+%.2f) = %s ≤ 1, so it is contained.",
		percent(l.Retry.Budget), l.Retry.MinRetryConcurrency, capR, capR, nearOne(rho*(1+capR))))
}

// aboveOne reports x > 1 beyond rounding: ρ = 0.8 with a cap of 0.25
// retries per call is 1.0000000000000002 in floating point, which the
// finding would print as "1.00 > 1" and count as a warning.
func aboveOne(x float64) bool { return x > 1+1e-9 }

// nearOne writes a product compared with 1 to two decimals, or to as
// many as it takes not to read 1.00 when it is not 1: "1.0004 > 1", not
// "1.00 > 1".
func nearOne(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	for d := 3; s == fmt.Sprintf("%.*f", d-1, 1.0) && math.Abs(x-1) > 1e-9 && d <= 6; d++ {
		s = fmt.Sprintf("%.*f", d, x)
	}
	return s
}

// budgetCap is the retries per call that the link's budget lets through
// when every attempt runs to its timeout.
func (c *checker) budgetCap(l *lang.Link, r float64) float64 {
	b := l.Retry.Budget
	capR := b / (1 - b)
	if b >= 1 {
		return r
	}
	t := l.Timeout.Seconds()
	if t <= 0 && c.report != nil && c.report.Services[l.To] != nil {
		t = c.report.Services[l.To].Latency.P99
	}
	n := 0.0
	if c.offered != nil {
		n = c.offered.LinkRate[l.Key()] * t
	}
	if n > 0 {
		capR = max(capR, float64(l.Retry.MinRetryConcurrency)/n)
	} else if l.Retry.MinRetryConcurrency > 0 {
		capR = r
	}
	return min(capR, r)
}

// seconds formats a duration given in seconds.
func seconds(s float64) string {
	return time.Duration(s * float64(time.Second)).Round(10 * time.Microsecond).String()
}

func num(f float64) string { return sig(f, 4) }

func percent(f float64) string { return sig(100*f, 4) + " %" }
