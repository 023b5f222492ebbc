package lang

import (
	"sort"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// profileForms lists a load's rate profiles, for messages.
const profileForms = "rate (with optional step blocks), a single ramp block or a single diurnal block"

// decodeRateProfile builds the rate profile from rate, step, ramp and
// diurnal; end is the load's duration, after which a step never applies.
func (st *loadState) decodeRateProfile(b *hcl.Block, a attrs, blocks hcl.Blocks, end time.Duration) RateProfile {
	p := RateProfile{Kind: ProfileConstant}
	a.requestRate("rate", &p.Rate, b.DefRange)
	var shape *hcl.Block // the ramp or diurnal block
	steps := 0
	stepAt := map[time.Duration]hcl.Range{} // the at of each step, for duplicates
	for _, nb := range blocks {
		switch nb.Type {
		case "ramp", "diurnal":
			if shape != nil || a.has("rate") {
				st.add(errorAt(nb.DefRange, "Conflicting rate profiles",
					"A load has one profile: %s. Remove the extra one.", profileForms))
				continue
			}
			shape = nb
			if nb.Type == "ramp" {
				st.decodeRamp(nb, &p)
			} else {
				st.decodeDiurnal(nb, &p)
			}
		case "step":
			steps++
			p.Kind = ProfileSteps
			step, atRng := st.decodeStep(nb)
			if first, ok := stepAt[step.At]; ok && atRng.Filename != "" {
				st.add(errorAt(atRng, "Two steps at one time",
					"Another step of this load is at %s too, at %s, so which rate holds from then is unclear. Give each step its own at, or remove one.",
					step.At, at(first)))
				continue
			}
			if atRng.Filename != "" {
				stepAt[step.At] = atRng
				if end > 0 && step.At >= end {
					st.add(lateStep(atRng, step.At, end, b.Labels[0]))
				}
			}
			p.Steps = append(p.Steps, step)
		}
	}
	if shape != nil && steps > 0 {
		st.add(errorAt(b.DefRange, "Conflicting rate profiles",
			"A load takes a %s block or step blocks, not both. Remove one kind.", shape.Type))
	}
	if shape == nil && !a.has("rate") && steps == 0 {
		st.add(errorAt(b.DefRange, "Missing load rate",
			"A load needs a profile: %s. Add rate = 100, for example.", profileForms))
	}
	sort.SliceStable(p.Steps, func(i, j int) bool { return p.Steps[i].At < p.Steps[j].At })
	return p
}

var rampBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "from", Required: true}, {Name: "to", Required: true}, {Name: "over", Required: true}},
}

func (st *loadState) decodeRamp(b *hcl.Block, p *RateProfile) {
	c := st.content(b.Body, rampBlockSchema)
	a := st.attrsOf(c, st.ctx)
	p.Kind = ProfileRamp
	a.requestRate("from", &p.From, b.DefRange)
	a.requestRate("to", &p.To, b.DefRange)
	a.duration("over", &p.Over)
}

var diurnalBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "min", Required: true}, {Name: "max", Required: true}, {Name: "period", Required: true}, {Name: "peak_at"},
	},
}

// decodeDiurnal decodes a diurnal block: a cosine from min up to max and
// back once per period, at max at peak_at (default half a period in, so
// the load starts at min).
func (st *loadState) decodeDiurnal(b *hcl.Block, p *RateProfile) {
	c := st.content(b.Body, diurnalBlockSchema)
	a := st.attrsOf(c, st.ctx)
	p.Kind = ProfileDiurnal
	both := a.requestRate("min", &p.Min, b.DefRange)
	both = a.requestRate("max", &p.Max, b.DefRange) && both
	a.duration("period", &p.Period)
	a.need(p.Max >= p.Min || !both, "max", b.DefRange, "max (%g requests/s) must be at least min (%g): max is the rate at the peak, min the rate at the trough.", p.Max, p.Min)
	a.need(p.Period > 0 || !a.has("period"), "period", b.DefRange, `period must be more than zero: the length of one cycle, like "24h" (or "10m" to compress a day into a shorter run).`)
	p.PeakAt = p.Period / 2
	a.duration("peak_at", &p.PeakAt)
	a.need(p.PeakAt >= 0, "peak_at", b.DefRange, "peak_at must be 0 or more: the time from the start of the load to the first peak.")
}

var stepBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "at", Required: true}, {Name: "rate", Required: true}},
}

// decodeStep decodes a step block, and returns the range of its at.
func (st *loadState) decodeStep(b *hcl.Block) (RateStep, hcl.Range) {
	c := st.content(b.Body, stepBlockSchema)
	a := st.attrsOf(c, st.ctx)
	var s RateStep
	a.duration("at", &s.At)
	a.requestRate("rate", &s.Rate, b.DefRange)
	return s, a.rng("at")
}

// requestRate decodes a rate in requests/s (a number, or a string like
// "6000/min"), which must be 0 or more; ok reports that it did.
func (a attrs) requestRate(name string, dst *float64, blockRng hcl.Range) (ok bool) {
	r, ok := a.perSecond(name)
	if ok {
		*dst = r
	}
	a.need(*dst >= 0, name, blockRng, "%s must be 0 or more requests/s, not %g.", name, *dst)
	return ok && r >= 0
}

var burstBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "on", Required: true}, {Name: "off", Required: true}},
}

// decodeBurst gives a bursty load its phases: the burst block's, or
// DefaultBurstOn and DefaultBurstOff.
func (st *loadState) decodeBurst(ld *Load, a attrs, blocks hcl.Blocks) {
	var burst *hcl.Block
	for _, nb := range blocks {
		if nb.Type == "burst" {
			burst = nb
		}
	}
	switch {
	case burst == nil && ld.Arrival == ArrivalBursty:
		ld.BurstOn, ld.BurstOff = DefaultBurstOn, DefaultBurstOff
	case burst != nil && ld.Arrival != ArrivalBursty:
		st.add(errorAt(burst.DefRange, "Unexpected burst block",
			`A burst block sets the phases of arrival = "bursty" and applies to nothing else. Remove it, or add arrival = "bursty" to the load.`))
	case burst != nil:
		c := st.content(burst.Body, burstBlockSchema)
		ba := st.attrsOf(c, st.ctx)
		ba.duration("on", &ld.BurstOn)
		ba.duration("off", &ld.BurstOff)
		ba.need(ld.BurstOn > 0, "on", burst.DefRange, "on must be more than zero.")
		ba.need(ld.BurstOff >= 0, "off", burst.DefRange, "off must be 0 or more.")
	}
}

// lateStep is the warning about a step at or after the end of its load:
// the rate it sets never applies.
func lateStep(rng hcl.Range, at, end time.Duration, load string) *hcl.Diagnostic {
	return warningAt(rng, "Step after the end of the load",
		"This step sets the rate from %s, but load %q ends at %s (its duration), so the rate never applies. Set at below %s, or make the duration longer.",
		at, load, end, end)
}
