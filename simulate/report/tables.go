package report

import (
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
