package report

import (
	"fmt"
	"sort"

	"github.com/berth-dev/berth/simulate"
)

// queueRow is one line of the queues table.
type queueRow struct {
	Name, Kind, Consumer, Consumers string
	Published, Consumed, Dropped    cell
	BacklogMean, BacklogMax         string
	BacklogFinal                    cell
	LagMean, LagP99, OldestAge      string
}

func queueRows(run *simulate.Report) []queueRow {
	var out []queueRow
	for _, k := range sortedKeys(run.Queues) {
		q := run.Queues[k]
		if q == nil {
			continue
		}
		out = append(out, queueRow{
			Name: k, Kind: q.Kind, Consumer: q.Consumer,
			Consumers:    fmt.Sprintf("%d of %d", q.ActiveConsumers, q.Consumers),
			Published:    cell{Text: fmtCount(q.Published)},
			Consumed:     cell{Text: fmtCount(q.Consumed)},
			Dropped:      countCell(q.Dropped, "bad"),
			BacklogMean:  sig(q.Backlog.Mean),
			BacklogMax:   fmtCount(q.Backlog.Max),
			BacklogFinal: countCell(q.Backlog.Final, "warn"),
			LagMean:      fmtLatency(q.Lag.Mean),
			LagP99:       fmtLatency(q.Lag.P99),
			OldestAge:    fmtLatency(q.Lag.OldestAge),
		})
	}
	return out
}

func sortedKeys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// linkRow is one line of the links table.
type linkRow struct {
	From, To string
	Implicit bool
	Cells    []cell // in the order of linkColumns
}

var linkColumns = []string{"calls", "attempts", "retries", "timeouts", "failed", "fallbacks",
	"breaker opens", "breaker rejected", "bulkhead rejected", "budget rejected"}

func linkRows(run *simulate.Report) []linkRow {
	var out []linkRow
	for _, l := range run.Links {
		if l == nil {
			continue
		}
		out = append(out, linkRow{From: l.From, To: l.To, Implicit: l.Implicit, Cells: []cell{
			{Text: fmtCount(l.Calls)}, {Text: fmtCount(l.Attempts)},
			countCell(l.Retries, ""), countCell(l.Timeouts, "warn"), countCell(l.Failures, "bad"),
			countCell(l.Fallbacks, "warn"), countCell(l.BreakerOpenings, "warn"),
			countCell(l.BreakerRejected, "warn"), countCell(l.BulkheadRejected, "warn"), countCell(l.BudgetRejected, "warn"),
		}})
	}
	return out
}

// eventRow is one line of the events table.
type eventRow struct {
	Time, Kind, Subject, Where, Detail string
	Class                              string
}

func eventRows(run *simulate.Report) []eventRow {
	evs := append([]simulate.FaultEvent(nil), run.Events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Time < evs[j].Time })
	out := make([]eventRow, 0, len(evs))
	for _, e := range evs {
		r := eventRow{Time: fmtClock(e.Time), Kind: e.Kind, Subject: subject(e), Detail: e.Detail,
			Class: categoryClass[categorize(e.Kind)]}
		if e.Node != nil && e.Service != "" {
			r.Where = fmt.Sprintf("node %d", *e.Node)
		}
		out = append(out, r)
	}
	return out
}
