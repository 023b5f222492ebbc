package report

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/berth-dev/berth/simulate"
)

// cell is one value of a table, with its 95 % confidence interval when
// the run had replications, and a CSS class that colours it.
type cell struct {
	Text  string
	CI    string
	Class string
}

// metricsRow is one line of the services table: the entry, a service or
// one endpoint of a service.
type metricsRow struct {
	Name     string
	Kind     string // entry, service, endpoint
	Replicas string
	Cells    []cell // in the order of metricsColumns
}

// metricsColumns head the services table, after the name and replicas.
var metricsColumns = []string{"throughput", "errors", "degraded", "workers", "cpu", "p50", "p99", "p99.9",
	"rejected", "timeouts", "retries", "breaker opens"}

// serviceRows returns the entry's row, then each service's (by name)
// followed by one row per endpoint when it has several.
func serviceRows(run *simulate.Report) []metricsRow {
	var out []metricsRow
	if run.Entry != nil {
		out = append(out, metricsRowOf("entry", "entry", run.Entry))
	}
	names := make([]string, 0, len(run.Services))
	for n := range run.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := run.Services[n]
		if m == nil {
			continue
		}
		out = append(out, metricsRowOf(n, "service", m))
		if len(m.Endpoints) < 2 {
			continue
		}
		eps := make([]string, 0, len(m.Endpoints))
		for e := range m.Endpoints {
			eps = append(eps, e)
		}
		sort.Strings(eps)
		for _, e := range eps {
			if em := m.Endpoints[e]; em != nil {
				out = append(out, metricsRowOf(e, "endpoint", em))
			}
		}
	}
	return out
}

func metricsRowOf(name, kind string, m *simulate.Metrics) metricsRow {
	r := metricsRow{Name: name, Kind: kind}
	if m.Replicas > 0 {
		r.Replicas = strconv.Itoa(m.Replicas)
	}
	ci := m.CI
	if ci == nil {
		ci = &simulate.MetricsCI{}
	}
	has := m.CI != nil
	rng := func(c simulate.CI, f func(float64) string) string {
		if !has {
			return ""
		}
		return f(c.Low) + " – " + f(c.High)
	}
	util := func(u float64, ci string) cell {
		if kind == "entry" || kind == "endpoint" {
			return cell{}
		}
		return cell{Text: fmtPct(u), CI: ci, Class: "util " + levelOf(u).class()}
	}
	r.Cells = []cell{
		{Text: fmtRate(m.Throughput), CI: rng(ci.Throughput, fmtRate)},
		{Text: fmtPct(m.ErrorRate), CI: rng(ci.ErrorRate, fmtPct), Class: warnIf(m.ErrorRate > 0, "bad")},
		{Text: fmtPct(m.DegradedRate), Class: warnIf(m.DegradedRate > 0, "warn")},
		util(m.Utilization, rng(ci.Utilization, fmtPct)),
		util(m.CPUUtilization, ""),
		{Text: fmtLatency(m.Latency.P50), CI: rng(ci.P50, fmtLatency)},
		{Text: fmtLatency(m.Latency.P99), CI: rng(ci.P99, fmtLatency)},
		{Text: fmtLatency(m.Latency.P999), CI: rng(ci.P999, fmtLatency)},
		countCell(m.Rejections, "bad"),
		countCell(m.Timeouts, "warn"),
		countCell(m.Retries, ""),
		countCell(m.BreakerOpenings, "warn"),
	}
	if r.Cells[4].Text == "0 %" && m.CPUUtilization == 0 {
		r.Cells[4] = cell{Text: "–", Class: "none"}
	}
	return r
}

func countCell(n int64, class string) cell {
	if n == 0 {
		return cell{Text: "0", Class: "zero"}
	}
	return cell{Text: fmtCount(n), Class: class}
}

func warnIf(cond bool, class string) string {
	if cond {
		return class
	}
	return ""
}

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
