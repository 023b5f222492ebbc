package report

import (
	"fmt"
	"image/color"
	"sort"
	"strings"

	"github.com/berth-dev/berth/simulate"
)

// category groups event kinds by what they mean for the system; each has
// its colour on the charts and in the events table.
type category int

const (
	catFault   category = iota // something broke
	catDetect                  // the platform noticed
	catRecover                 // capacity came back
	catBreaker                 // a circuit breaker opened
	catOther
)

var categoryOf = map[string]category{
	"kill": catFault, "hang": catFault, "slow": catFault, "node_down": catFault, "partition": catFault,
	"unhealthy": catDetect, "node_detected": catDetect, "pending": catDetect,
	"restart": catRecover, "rescheduled": catRecover, "healthy": catRecover, "replaced": catRecover,
	"node_up": catRecover, "hang_end": catRecover, "slow_end": catRecover, "partition_end": catRecover,
	"breaker_open": catBreaker,
}

var categoryColor = map[category]color.RGBA{
	catFault:   rgb(0xc62828),
	catDetect:  rgb(0xd9730d),
	catRecover: rgb(0x1a7f37),
	catBreaker: rgb(0x8250df),
	catOther:   rgb(0x57606a),
}

var categoryClass = map[category]string{
	catFault: "fault", catDetect: "detect", catRecover: "recover", catBreaker: "breaker", catOther: "other",
}

func categorize(kind string) category {
	if c, ok := categoryOf[kind]; ok {
		return c
	}
	return catOther
}

// marker is one labelled vertical line on a time chart: one event, or
// several of one kind close together.
type marker struct {
	Time  float64
	Label string
	Cat   category
}

// maxMarkers caps the markers of one chart; the events table lists all.
const maxMarkers = 24

// markersFor groups events of the same kind that happen within a short
// window (1.5 % of the run, at least half a second) into one marker,
// labelled with the kind and what it hit ("kill orders/0",
// "rescheduled ×5", "breaker_open gateway→users ×3").
func markersFor(events []simulate.FaultEvent, duration float64) []marker {
	evs := append([]simulate.FaultEvent(nil), events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Time < evs[j].Time })
	window := max(0.5, 0.015*duration)
	var out []marker
	open := map[string]int{} // kind → index in groups of its newest group
	var groups [][]simulate.FaultEvent
	for _, e := range evs {
		if i, ok := open[e.Kind]; ok && e.Time-groups[i][0].Time <= window {
			groups[i] = append(groups[i], e)
			continue
		}
		open[e.Kind] = len(groups)
		groups = append(groups, []simulate.FaultEvent{e})
	}
	for _, g := range groups {
		out = append(out, marker{Time: finite(g[0].Time), Label: groupLabel(g), Cat: categorize(g[0].Kind)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time < out[j].Time })
	if len(out) > maxMarkers {
		out = out[:maxMarkers]
	}
	return out
}

// groupLabel names a group of events of one kind.
func groupLabel(g []simulate.FaultEvent) string {
	subjects := map[string]bool{}
	var first string
	for _, e := range g {
		s := subject(e)
		if first == "" {
			first = s
		}
		subjects[s] = true
	}
	label := g[0].Kind
	switch svc := sameService(g); {
	case len(subjects) == 1 && first != "":
		label += " " + first
	case svc != "":
		label += " " + svc
	}
	if len(g) > 1 {
		label += fmt.Sprintf(" ×%d", len(g))
	}
	return label
}

// subject is what an event hit: "orders/0", "node 3", "gateway→users".
func subject(e simulate.FaultEvent) string {
	switch {
	case e.Kind == "breaker_open" && strings.HasPrefix(e.Detail, "to "):
		return e.Service + "→" + strings.TrimPrefix(e.Detail, "to ")
	case (e.Kind == "partition" || e.Kind == "partition_end") && strings.HasPrefix(e.Detail, "with "):
		return e.Service + "↮" + strings.TrimPrefix(e.Detail, "with ")
	case e.Service != "" && e.Replica != nil:
		return fmt.Sprintf("%s/%d", e.Service, *e.Replica)
	case e.Service != "":
		return e.Service
	case e.Node != nil:
		return fmt.Sprintf("node %d", *e.Node)
	}
	return ""
}

// sameService returns the service every event of g names, or "".
func sameService(g []simulate.FaultEvent) string {
	for _, e := range g {
		if e.Service != g[0].Service {
			return ""
		}
	}
	return g[0].Service
}
