package report

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/berth-dev/berth/simulate"
)

func TestWriteHTMLSynthetic(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	page := render(t, spec, syntheticResult())
	doc := parsePage(t, page)
	checkSelfContained(t, doc)
	checkNoNaN(t, page)
	if n := checkSVGsAreXML(t, page); n != 11 {
		t.Errorf("the page has %d <svg>, want 11: latency, traffic, utilisation, queue backlog and graph for each of 2 runs, and replicas in rotation for the scenario", n)
	}

	sections := find(doc, tagClass("section", "run"))
	if len(sections) != 2 {
		t.Fatalf("%d run sections, want 2", len(sections))
	}
	for i, sec := range sections {
		charts := find(sec, tagClass("svg", "chart"))
		if len(charts) != 4+i {
			t.Errorf("%s: %d charts, want %d", attr(sec, "id"), len(charts), 4+i)
		}
		if g := find(sec, tagClass("svg", "graph")); len(g) != 1 {
			t.Errorf("%s: %d service graphs, want 1", attr(sec, "id"), len(g))
		}
		rows := map[string]bool{}
		for _, th := range find(sec, func(n *html.Node) bool { return n.Data == "th" && attr(n, "scope") == "row" }) {
			rows[textOf(th)] = true
		}
		for _, name := range []string{"entry", "gateway", "api", "profile", "db", "worker", "page", "admin", "events", "gateway → api"} {
			if !rows[name] {
				t.Errorf("%s: no table row for %q (rows: %v)", attr(sec, "id"), name, rows)
			}
		}
	}

	banner := find(doc, tagClass("div", "banner"))
	if len(banner) != 1 || !hasClass(banner[0], "fail") || !strings.Contains(textOf(banner[0]), "1 of 4 checks failed across 2 runs") {
		t.Errorf("banner = %q, want a FAIL banner counting 1 of 4 checks", textOf(banner[0]))
	}
	var fails []string
	for _, tr := range find(doc, tagClass("tr", "fail")) {
		fails = append(fails, textOf(tr))
	}
	if len(fails) != 1 || !strings.Contains(fails[0], "error_rate ≤ 1.0 %") || !strings.Contains(fails[0], "3.4 %") ||
		!strings.Contains(fails[0], "main.berth.hcl:118") {
		t.Errorf("failed verdict rows = %q, want the error_rate bound with its measure and position", fails)
	}
	if !strings.Contains(page, "p99 ≤ 250 ms") {
		t.Error("the page does not show the p99 bound")
	}
}

func TestWriteHTMLMarksEventsOnCharts(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	doc := parsePage(t, render(t, spec, syntheticResult()))
	sec := find(doc, tagClass("section", "run"))[1]
	charts := find(sec, tagClass("svg", "chart"))
	if len(charts) != 5 || attr(charts[2], "aria-label") != "Replicas in rotation over time" {
		t.Fatalf("the scenario's third chart is not the replicas in rotation")
	}
	names := map[string]bool{}
	for _, tx := range find(charts[2], tagClass("text", "")) {
		names[textOf(tx)] = true
	}
	if !names["api"] || names["gateway"] || names["db"] {
		t.Errorf("the replicas chart should draw api (2 → 1 → 2) and only api; its labels: %v", names)
	}
	for _, c := range charts[:3] { // latency, traffic, replicas
		labels := map[string]bool{}
		for _, tx := range find(c, tagClass("text", "")) {
			labels[textOf(tx)] = true
		}
		for _, want := range []string{"kill api/0", "breaker_open gateway→api ×3", "restart api/0", "healthy api/0", "warm-up", "time (s)"} {
			if !labels[want] {
				t.Errorf("%s: no label %q", attr(c, "aria-label"), want)
			}
		}
	}
	if labels := textOfAll(find(charts[0], tagClass("text", ""))); !strings.Contains(labels, "p99 bound 250 ms") {
		t.Errorf("the latency chart does not draw the p99 bound; its labels:\n%s", labels)
	}
	// The load without faults has no marker.
	first := find(doc, tagClass("section", "run"))[0]
	for _, tx := range find(find(first, tagClass("svg", "chart"))[0], tagClass("text", "")) {
		if strings.HasPrefix(textOf(tx), "kill") {
			t.Errorf("the load's chart has a marker %q", textOf(tx))
		}
	}
}

func TestWriteHTMLColoursByLevel(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	doc := parsePage(t, render(t, spec, syntheticResult()))
	sec := find(doc, tagClass("section", "run"))[0]
	want := map[string]string{"gateway": "low", "api": "mid", "db": "high", "worker": "low"}
	for _, g := range find(sec, tagClass("g", "node")) {
		name := textOf(find(g, tagClass("title", ""))[0])
		if lvl, ok := want[name]; ok && !hasClass(g, lvl) {
			t.Errorf("graph box %s has class %q, want level %s", name, attr(g, "class"), lvl)
		}
	}
	for _, tr := range find(sec, tagClass("tr", "service")) {
		name := textOf(find(tr, tagClass("th", ""))[0])
		utils := find(tr, tagClass("td", "util"))
		if lvl, ok := want[name]; ok && (len(utils) == 0 || !hasClass(utils[0], lvl)) {
			t.Errorf("table row %s: workers cell is not of level %s", name, lvl)
		}
	}
	edges := map[string]string{}
	for _, g := range find(sec, tagClass("g", "edge")) {
		edges[textOf(g)] = attr(g, "class")
	}
	var api, profile string
	for label, cls := range edges {
		switch {
		case strings.Contains(label, "200ms ×2"):
			api = cls
		case strings.Contains(label, "50ms"):
			profile = cls
		}
	}
	if !strings.Contains(api, "failed") {
		t.Errorf("gateway → api (92 of 2716 calls failed) has class %q, want failed", api)
	}
	if !strings.Contains(profile, "optional") || strings.Contains(profile, "failed") {
		t.Errorf("gateway → profile (fallback, no failure) has class %q, want optional only", profile)
	}
}

func TestWriteHTMLShowsConfidenceIntervals(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	res := syntheticResult()
	withCI(res)
	page := render(t, spec, res)
	doc := parsePage(t, page)
	checkNoNaN(t, page)
	for _, want := range []string{"requests, 5 replications", "pool all 5 replications", "offered 19.4 /s"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q: counts are sums over the replications", want)
		}
	}
	kpis := find(doc, tagClass("div", "kpi"))
	if len(kpis) == 0 || !strings.Contains(textOf(kpis[0]), "CI 87.3 /s – 107 /s") {
		t.Errorf("throughput tile = %q, want its 95 %% CI", textOf(kpis[0]))
	}
	var entry *html.Node
	for _, tr := range find(doc, tagClass("tr", "entry")) {
		entry = tr
		break
	}
	if entry == nil || len(find(entry, tagClass("span", "ci"))) < 5 {
		t.Fatalf("the entry row shows no confidence intervals: %q", textOf(entry))
	}
	if !strings.Contains(textOf(entry), "208 ms – 254 ms") {
		t.Errorf("entry row = %q, want the p99 interval 208 ms – 254 ms", textOf(entry))
	}

	plain := render(t, spec, syntheticResult())
	if strings.Contains(plain, "CI ") || strings.Contains(plain, `class="ci"`) || strings.Contains(plain, "replications") {
		t.Error("a run without replications shows confidence intervals or speaks of replications")
	}
	if !strings.Contains(plain, "offered 97 /s") {
		t.Error("the clients box does not offer 97 /s")
	}
}

func TestWriteHTMLOutline(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	golden(t, "synthetic.outline", outline(parsePage(t, render(t, spec, syntheticResult()))))
}

func TestWriteHTMLDegenerateValues(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	nan, inf := math.NaN(), math.Inf(1)
	run := &simulate.Report{
		Name: "load peak", Load: "peak", Duration: 0, Interval: 0,
		Entry: &simulate.Metrics{Throughput: nan, ErrorRate: inf, Latency: simulate.Latency{P50: nan, P99: inf},
			Series: []simulate.Point{{Time: 1, P50: nan, P99: inf, Throughput: nan, Errors: inf, Arrivals: -inf}, {Time: 2}}},
		Services: map[string]*simulate.Metrics{"api": {Utilization: nan, CPUUtilization: inf}, "ghost": {Utilization: 1.7}},
		Events:   []simulate.FaultEvent{{Time: nan, Kind: "mystery"}, {Time: 1e9, Kind: "kill", Service: "api"}},
	}
	page := render(t, spec, &simulate.Result{Report: run})
	checkNoNaN(t, page)
	doc := parsePage(t, page)
	if n := checkSVGsAreXML(t, page); n != 4 {
		t.Errorf("%d <svg>, want 4 (no queue series)", n)
	}
	if b := find(doc, tagClass("div", "banner")); len(b) != 1 || !hasClass(b[0], "none") {
		t.Error("a run without verdicts does not say that nothing was checked")
	}
}

func TestWriteHTMLEmptyRun(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	run := &simulate.Report{Name: "load peak", Load: "peak", Duration: 30, Entry: &simulate.Metrics{}}
	page := render(t, spec, &simulate.Result{Report: run})
	checkNoNaN(t, page)
	if n := checkSVGsAreXML(t, page); n != 3 {
		t.Errorf("%d <svg>, want 3: latency, traffic, graph (no services, no queues)", n)
	}
}

func TestWriteHTMLRejectsNothing(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	for name, res := range map[string]*simulate.Result{
		"nil result": nil,
		"no run":     {},
		"no entry":   {Report: &simulate.Report{Name: "load peak"}},
	} {
		if err := WriteHTML(&bytes.Buffer{}, spec, res); err == nil {
			t.Errorf("%s: WriteHTML returned no error", name)
		}
	}
	if err := WriteHTML(&bytes.Buffer{}, nil, syntheticResult()); err == nil {
		t.Error("nil spec: WriteHTML returned no error")
	}
}

func TestWriteHTMLLongRunStaysSmall(t *testing.T) {
	spec := loadSpec(t, "testdata/synthetic")
	short := len(render(t, spec, syntheticResult()))
	res := syntheticResult()
	for _, r := range res.Runs {
		r.Duration = 36000
		r.Entry.Series = entrySeries(36000)
		r.Queues["events"].Series = nil
	}
	long := len(render(t, spec, res))
	// 36000 points per series are drawn as at most maxChartPoints.
	if long > 3*short {
		t.Errorf("a 10-hour run makes a %d-byte page, more than 3× the %d bytes of a 30 s one", long, short)
	}
}
