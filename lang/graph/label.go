package graph

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/berth-dev/berth/lang"
)

// callLabel writes a call edge's label: the link's policy ("300ms ×3 cb":
// per-attempt timeout, total attempts, a circuit breaker), then what the
// calls over it share ("fallback default", "20%"). An edge without a link
// block reads "no link". The call edge is optional when every call over it
// has a fallback or a probability below 1.
func callLabel(l *lang.Link, calls []*lang.Call) (label string, optional, implicit bool) {
	implicit = l == nil || l.Implicit
	policy := "no link"
	if !implicit {
		policy = linkPolicy(l)
	}
	var notes []string
	optional = len(calls) > 0
	for _, c := range calls {
		soft := false
		if c.Fallback != lang.FallbackNone {
			notes = append(notes, "fallback "+c.Fallback)
			soft = true
		}
		if c.Probability < 1 { // 0: never called
			notes = append(notes, percent(c.Probability))
			soft = true
		}
		optional = optional && soft
	}
	if len(calls) == 0 {
		notes = append(notes, "no calls")
	}
	return joinNonEmpty(" · ", policy, strings.Join(uniqueSorted(notes), ", ")), optional, implicit
}

// linkPolicy is "300ms ×3 cb", "no timeout", "50ms bulkhead 25", ...
func linkPolicy(l *lang.Link) string {
	parts := []string{"no timeout"}
	if l.Timeout > 0 {
		parts[0] = l.Timeout.String()
	}
	if l.Retry != nil && l.Retry.Attempts > 1 {
		parts = append(parts, fmt.Sprintf("×%d", l.Retry.Attempts))
	}
	if l.CircuitBreaker != nil {
		parts = append(parts, "cb")
	}
	if l.Bulkhead != nil {
		parts = append(parts, fmt.Sprintf("bulkhead %d", l.Bulkhead.MaxConcurrent))
	}
	return strings.Join(parts, " ")
}

// publishLabel is "publish", with the probabilities when below 1.
func publishLabel(pubs []*lang.Publish) (string, bool) {
	var notes []string
	optional := true
	for _, p := range pubs {
		if p.Probability < 1 { // 0: never published
			notes = append(notes, percent(p.Probability))
		} else {
			optional = false
		}
	}
	return joinNonEmpty(" · ", "publish", strings.Join(uniqueSorted(notes), ", ")), optional
}

// consumeLabel is "consume ×2" (consumers per replica), with the handling
// endpoint when one is named.
func consumeLabel(cons []*lang.Consume) string {
	var parts []string
	for _, c := range cons {
		t := "consume"
		if c.Concurrency > 1 {
			t += fmt.Sprintf(" ×%d", c.Concurrency)
		}
		if c.Endpoint != "" {
			t += " → " + c.Endpoint
		}
		parts = append(parts, t)
	}
	return strings.Join(uniqueSorted(parts), ", ")
}

// entryLabel lists the loads entering a service: "peak 300/s, ramp 50→400/s".
func entryLabel(loads []*lang.Load) string {
	parts := make([]string, 0, len(loads))
	for _, l := range loads {
		t := l.Name + " " + rateText(l.Profile)
		if l.Entry.Endpoint != "" {
			t += " → " + l.Entry.Endpoint
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, ", ")
}

func rateText(p lang.RateProfile) string {
	switch p.Kind {
	case lang.ProfileRamp:
		return num(p.From) + "→" + num(p.To) + "/s"
	case lang.ProfileSteps:
		return num(p.Rate) + "→…≤" + num(p.Peak()) + "/s"
	case lang.ProfileDiurnal:
		return num(p.Min) + "↔" + num(p.Max) + "/s"
	}
	return num(p.Rate) + "/s"
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func percent(p float64) string { return strconv.FormatFloat(p*100, 'g', 4, 64) + "%" }
