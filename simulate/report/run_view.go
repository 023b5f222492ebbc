package report

import (
	"fmt"
	"html/template"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// runView is one run's section of the page.
type runView struct {
	ID       string
	Name     string
	Card     string // the run in a few words, for its card in the header
	Status   string // pass, fail, none
	Meta     []string
	Faults   []string
	KPIs     []kpi
	Verdicts []verdictView

	Latency, Traffic, Replicas, Util, Graph, Queue template.HTML

	Columns     []string
	Services    []metricsRow
	Queues      []queueRow
	LinkColumns []string
	Links       []linkRow
	Events      []eventRow
	EventsOpen  bool
	// Replications > 1: the counts are summed over them and the charts
	// and events are the first replication's.
	Replications int
}

// kpi is one headline figure of a run.
type kpi struct {
	Label, Value, CI, Class string
}

func newRunView(spec *lang.Spec, run *simulate.Report, id string) (*runView, error) {
	rv := &runView{ID: id, Name: run.Name, Status: "none", Columns: metricsColumns, LinkColumns: linkColumns}
	if rv.Name == "" {
		rv.Name = "load " + run.Load
	}
	for _, v := range run.Verdicts {
		rv.Verdicts = append(rv.Verdicts, viewVerdict(run, id, v))
	}
	if len(rv.Verdicts) > 0 {
		rv.Status = "pass"
		if !run.Pass {
			rv.Status = "fail"
		}
	}
	rv.Meta = runMeta(spec, run)
	rv.Card = fmt.Sprintf("%s · %s · %s", orDefault(run.Load, "?"), fmtSeconds(run.Duration), run.Backend)
	if run.Scenario != "" {
		rv.Card = "load " + rv.Card
	}
	if sc := spec.Scenarios[run.Scenario]; sc != nil {
		for _, f := range sc.Faults {
			rv.Faults = append(rv.Faults, faultText(f))
		}
	}
	rv.KPIs = kpis(run.Entry)
	if run.Replications > 1 {
		rv.KPIs[len(rv.KPIs)-1].Label = fmt.Sprintf("requests, %d replications", run.Replications)
		rv.Replications = run.Replications
	}
	var err error
	entrySvc := ""
	if l := spec.Loads[run.Load]; l != nil && l.Entry.Endpoint == "" {
		entrySvc = l.Entry.Service
	}
	if rv.Latency, err = latencyChart(run, entryBounds(run, entrySvc)); err != nil {
		return nil, err
	}
	if rv.Traffic, err = trafficChart(run); err != nil {
		return nil, err
	}
	if rv.Replicas, err = replicasChart(run); err != nil {
		return nil, err
	}
	if len(run.Services) > 0 {
		if rv.Util, err = utilChart(run); err != nil {
			return nil, err
		}
	}
	if rv.Queue, err = queueChart(run, sortedKeys(run.Queues)); err != nil {
		return nil, err
	}
	rv.Graph = graphSVG(spec, run, id)
	rv.Services = serviceRows(run)
	rv.Queues = queueRows(run)
	rv.Links = linkRows(run)
	rv.Events = eventRows(run)
	rv.EventsOpen = len(rv.Events) > 0 && len(rv.Events) <= 12
	return rv, nil
}

// runMeta is the line under a run's title.
func runMeta(spec *lang.Spec, run *simulate.Report) []string {
	out := []string{"load " + run.Load}
	if t := loadText(spec.Loads[run.Load]); t != "" {
		out[0] += ": " + t
	}
	out = append(out, "backend "+run.Backend)
	d := fmtSeconds(run.Duration)
	if run.Warmup > 0 {
		d += ", the first " + fmtSeconds(run.Warmup) + " not measured"
	}
	out = append(out, d)
	out = append(out, fmt.Sprintf("seed %d", run.Seed))
	if run.Replications > 1 {
		out = append(out, fmt.Sprintf("%d replications", run.Replications))
	}
	if run.CIMethod == simulate.CIBatchMeans {
		out = append(out, fmt.Sprintf("95 %% CIs from %d batch means", run.CIBatches))
	}
	if run.Interval > 0 {
		out = append(out, fmtSeconds(run.Interval)+" per point")
	}
	if run.SimEvents > 0 {
		out = append(out, fmtCount(int64(run.SimEvents))+" simulated events")
	}
	return out
}

// kpis are the entry's headline figures.
func kpis(m *simulate.Metrics) []kpi {
	ci := m.CI
	rng := func(f func(float64) string, c func(*simulate.MetricsCI) simulate.CI) string {
		if ci == nil {
			return ""
		}
		v := c(ci)
		return "CI " + f(v.Low) + " – " + f(v.High)
	}
	return []kpi{
		{Label: "throughput", Value: fmtRate(m.Throughput), CI: rng(fmtRate, func(c *simulate.MetricsCI) simulate.CI { return c.Throughput })},
		{Label: "errors", Value: fmtPct(m.ErrorRate), CI: rng(fmtPct, func(c *simulate.MetricsCI) simulate.CI { return c.ErrorRate }), Class: warnIf(m.ErrorRate > 0, "bad")},
		{Label: "degraded", Value: fmtPct(m.DegradedRate), Class: warnIf(m.DegradedRate > 0, "warn")},
		{Label: "p50", Value: fmtLatency(m.Latency.P50), CI: rng(fmtLatency, func(c *simulate.MetricsCI) simulate.CI { return c.P50 })},
		{Label: "p99", Value: fmtLatency(m.Latency.P99), CI: rng(fmtLatency, func(c *simulate.MetricsCI) simulate.CI { return c.P99 })},
		{Label: "p99.9", Value: fmtLatency(m.Latency.P999), CI: rng(fmtLatency, func(c *simulate.MetricsCI) simulate.CI { return c.P999 })},
		{Label: "requests", Value: fmtCount(m.Arrivals)},
	}
}
