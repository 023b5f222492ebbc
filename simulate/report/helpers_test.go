package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

// loadSpec loads a spec directory of testdata.
func loadSpec(t *testing.T, dir string) *lang.Spec {
	t.Helper()
	spec, diags := lang.NewLoader().Load(dir, lang.Options{Environ: []string{}})
	if diags.HasErrors() {
		t.Fatalf("loading %s: %s", dir, diags.Error())
	}
	return spec
}

func ip(i int) *int { return &i }

// entrySeries is a 30 s run at 100 requests/s whose api replica dies at
// 10 s: errors and a high p99 until its restart at 15 s.
func entrySeries(n int) []simulate.Point {
	out := make([]simulate.Point, n)
	for i := range out {
		t := float64(i + 1)
		p := simulate.Point{Time: t, Arrivals: 100, Throughput: 99, P50: 0.020, P99: 0.080, Utilization: 0.4, Up: 2}
		if t > 10 && t <= 15 {
			p.Throughput, p.Errors, p.Degraded, p.P99, p.Up = 85, 15, 5, 0.240, 1
		}
		if t == 12 { // a second without any answer: no percentile to draw
			p.Throughput, p.Errors, p.Degraded, p.P50, p.P99 = 0, 0, 0, 0, 0
		}
		out[i] = p
	}
	return out
}

func metrics(tp, errRate, util, cpu, p99 float64, replicas int) *simulate.Metrics {
	return &simulate.Metrics{
		Throughput: tp, ErrorRate: errRate, Utilization: util, CPUUtilization: cpu,
		Latency:  simulate.Latency{Mean: p99 / 3, P50: p99 / 4, P90: p99 / 2, P99: p99, P999: p99 * 1.5, Max: p99 * 2},
		Arrivals: int64(tp * 28), Completed: int64(tp * 28 * (1 - errRate)), Replicas: replicas,
	}
}

// syntheticRun builds the report of one run of testdata/synthetic by hand.
func syntheticRun(name, scenario string, pass bool) *simulate.Report {
	r := &simulate.Report{
		Name: name, Load: "peak", Scenario: scenario, Backend: "compose", Seed: 7, Replications: 1,
		Duration: 30, Warmup: 2, Interval: 1, SimEvents: 123456,
		Entry: metrics(97, 0.034, 0, 0, 0.231, 0),
		Services: map[string]*simulate.Metrics{
			"gateway": metrics(97, 0.034, 0.31, 0.12, 0.231, 2),
			"api":     metrics(97, 0.05, 0.75, 0.4, 0.2, 2),
			"profile": metrics(97, 0, 0.2, 0, 0.01, 1),
			"db":      metrics(97, 0, 0.95, 0.6, 0.03, 1),
			"worker":  metrics(97, 0, 0.5, 0, 0.05, 1),
		},
		Links: []*simulate.LinkMetrics{
			{From: "gateway", To: "api", Calls: 2716, Attempts: 2800, Retries: 84, Timeouts: 40, Failures: 92},
			{From: "gateway", To: "profile", Calls: 2716, Attempts: 2716, Fallbacks: 12},
			{From: "api", To: "db", Calls: 2716, Attempts: 2716},
		},
		Queues: map[string]*simulate.QueueMetrics{"events": {Kind: "rabbitmq", Consumer: "worker", Published: 2716, Consumed: 2700, Consumers: 1, ActiveConsumers: 1}},
		Pass:   pass,
	}
	r.Entry.DegradedRate = 0.012
	r.Entry.Series = entrySeries(30)
	r.Services["gateway"].Rejections = 3
	r.Services["gateway"].Timeouts = 40
	r.Services["gateway"].Retries = 84
	r.Services["gateway"].BreakerOpenings = 3
	r.Services["gateway"].Endpoints = map[string]*simulate.Metrics{"page": metrics(97, 0.034, 0, 0, 0.231, 0), "admin": metrics(1, 0, 0, 0, 0.1, 0)}
	q := r.Queues["events"]
	q.Backlog.Mean, q.Backlog.Max, q.Backlog.Final = 1.5, 12, 2
	q.Lag.Mean, q.Lag.P99 = 0.015, 0.120
	for i := range 30 {
		q.Series = append(q.Series, simulate.QueuePoint{Time: float64(i + 1), Backlog: int64(i % 7), Consumed: 97})
	}
	r.Verdicts = []simulate.Verdict{
		{Source: "slo page", Target: "gateway/page", Metric: "p99", Op: "<=", Bound: 0.5, Measured: 0.231, Pass: true, Pos: "main.berth.hcl:120"},
	}
	if scenario != "" {
		r.Events = []simulate.FaultEvent{
			{Time: 10, Kind: "kill", Service: "api", Replica: ip(0), Node: ip(1)},
			{Time: 10.2, Kind: "breaker_open", Service: "gateway", Replica: ip(0), Node: ip(1), Detail: "to api"},
			{Time: 10.3, Kind: "breaker_open", Service: "gateway", Replica: ip(1), Node: ip(1), Detail: "to api"},
			{Time: 10.4, Kind: "breaker_open", Service: "gateway", Replica: ip(0), Node: ip(1), Detail: "to api"},
			{Time: 15, Kind: "restart", Service: "api", Replica: ip(0), Node: ip(1)},
			{Time: 17, Kind: "healthy", Service: "api", Replica: ip(0), Node: ip(1)},
		}
		r.Services["api"].Series = entrySeries(30) // Up drops from 2 to 1 from 10 s to 15 s
		steady := entrySeries(30)
		for i := range steady {
			steady[i].Up = 2
		}
		r.Services["gateway"].Series = steady // no change: not drawn
		r.Verdicts = append([]simulate.Verdict{
			{Source: "scenario api-loss", Target: "entry", Metric: "p99", Op: "<=", Bound: 0.25, Measured: 0.231, Pass: true, Pos: "main.berth.hcl:117"},
			{Source: "scenario api-loss", Target: "entry", Metric: "error_rate", Op: "<=", Bound: 0.01, Measured: 0.034, Pass: false, Pos: "main.berth.hcl:118"},
		}, r.Verdicts...)
	}
	return r
}

// syntheticResult holds two runs: the load (passes) and the scenario
// (fails its error-rate bound).
func syntheticResult() *simulate.Result {
	runs := []*simulate.Report{syntheticRun("load peak", "", true), syntheticRun("scenario api-loss", "api-loss", false)}
	return &simulate.Result{Report: runs[0], Runs: runs}
}

// withCI gives every metric of res a confidence interval of ±10 %, as a
// run with replications has.
func withCI(res *simulate.Result) {
	ci := func(v float64) simulate.CI { return simulate.CI{Low: v * 0.9, High: v * 1.1} }
	set := func(m *simulate.Metrics) {
		m.CI = &simulate.MetricsCI{Throughput: ci(m.Throughput), ErrorRate: ci(m.ErrorRate), Utilization: ci(m.Utilization),
			Mean: ci(m.Latency.Mean), P50: ci(m.Latency.P50), P90: ci(m.Latency.P90), P99: ci(m.Latency.P99), P999: ci(m.Latency.P999)}
	}
	for _, r := range res.Runs {
		r.Replications = 5
		set(r.Entry)
		for _, m := range r.Services {
			set(m)
		}
	}
}

// render writes the report of res and returns the page.
func render(t *testing.T, spec *lang.Spec, res *simulate.Result) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, spec, res); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	return buf.String()
}

// update reports whether golden files are rewritten (BERTH_UPDATE=1).
func update() bool { return os.Getenv("BERTH_UPDATE") == "1" }

// golden compares got with testdata/name, or rewrites it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if update() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with BERTH_UPDATE=1 to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the page's outline (BERTH_UPDATE=1 rewrites it):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff is a unified diff of want and got.
func lineDiff(want, got string) string {
	d, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: difflib.SplitLines(want), B: difflib.SplitLines(got), FromFile: "want", ToFile: "got", Context: 2,
	})
	return d
}
