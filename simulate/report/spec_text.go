package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/berth-dev/berth/lang"
)

// loadText describes a load: "300 /s poisson into gateway",
// "50 → 400 /s over 60 s into gateway/list_orders", "200 users thinking
// 1 s on average into gateway".
func loadText(l *lang.Load) string {
	if l == nil {
		return ""
	}
	rate := rateText(l.Profile)
	if l.Closed() {
		who := "users"
		if l.Users == 1 {
			who = "user"
		}
		rate = fmt.Sprintf("%d %s thinking %s on average", l.Users, who, fmtSeconds(l.ThinkTime.Mean()))
	}
	if l.Arrival != "" {
		rate += " " + l.Arrival
	}
	entry := l.Entry.Service
	if l.Entry.Endpoint != "" {
		entry += "/" + l.Entry.Endpoint
	}
	return rate + " into " + entry
}

// rateText describes an open load's rate profile.
func rateText(p lang.RateProfile) string {
	var rate string
	switch p.Kind {
	case lang.ProfileRamp:
		rate = fmt.Sprintf("%s → %s over %s", sig(p.From), fmtRate(p.To), durText(p.Over))
	case lang.ProfileSteps:
		rate = fmt.Sprintf("%s then %d steps up to %s", fmtRate(p.Rate), len(p.Steps), fmtRate(p.Peak()))
	case lang.ProfileDiurnal:
		rate = fmt.Sprintf("%s ↔ %s every %s", sig(p.Min), fmtRate(p.Max), durText(p.Period))
	default:
		rate = fmtRate(p.Rate)
	}
	return rate
}

// faultText describes a scenario's fault: "kill 1 replica of orders at
// 20 s", "node_down node 3 at 20 s".
func faultText(f *lang.Fault) string {
	var b strings.Builder
	b.WriteString(f.Kind)
	switch f.Kind {
	case lang.FaultNodeDown:
		fmt.Fprintf(&b, " node %d", f.Node)
	case lang.FaultPartition:
		fmt.Fprintf(&b, " %s ↮ %s", f.Service, f.Peer)
	case lang.FaultError:
		if f.Replicas > 0 {
			fmt.Fprintf(&b, " %s of %s", plural(f.Replicas, "replica", "replicas"), f.Service)
		} else {
			fmt.Fprintf(&b, " %s", f.Service)
		}
		if f.Probability < 1 {
			fmt.Fprintf(&b, " on %s of requests", fmtPct(f.Probability))
		}
	default:
		n := max(1, f.Replicas)
		fmt.Fprintf(&b, " %s of %s", plural(n, "replica", "replicas"), f.Service)
	}
	if f.Kind == lang.FaultSlow && f.Delay.Source != "" {
		fmt.Fprintf(&b, " by %s", f.Delay.Source)
	}
	fmt.Fprintf(&b, " at %s", durText(f.At))
	if f.Duration > 0 {
		fmt.Fprintf(&b, " for %s", durText(f.Duration))
	}
	return b.String()
}

func durText(d time.Duration) string { return fmtSeconds(d.Seconds()) }
