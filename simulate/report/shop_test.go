package report

import (
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/berth-dev/berth/simulate"
)

// TestWriteHTMLShop simulates every load and scenario of examples/shop
// briefly and checks the page. BERTH_REPORT_OUT=path keeps the page, to
// look at it.
func TestWriteHTMLShop(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates examples/shop")
	}
	spec := loadSpec(t, "../../examples/shop")
	res, diags := simulate.Run(spec, simulate.Options{Seed: 1, Duration: 30 * time.Second})
	if diags.HasErrors() {
		t.Fatalf("simulate: %s", diags.Error())
	}
	page := render(t, spec, res)
	if out := os.Getenv("BERTH_REPORT_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc := parsePage(t, page)
	checkSelfContained(t, doc)
	checkNoNaN(t, page)
	checkSVGsAreXML(t, page)

	sections := find(doc, tagClass("section", "run"))
	if len(sections) != len(res.Runs) || len(sections) < 2 {
		t.Fatalf("%d run sections for %d runs", len(sections), len(res.Runs))
	}
	for i, sec := range sections {
		run := res.Runs[i]
		if h := find(sec, tagClass("h2", "")); len(h) == 0 || !strings.Contains(textOf(h[0]), run.Name) {
			t.Errorf("section %d is not headed by %q", i, run.Name)
		}
		charts := find(sec, tagClass("svg", "chart"))
		if len(charts) < 3 {
			t.Errorf("%s: %d charts, want latency, traffic and utilisation at least", run.Name, len(charts))
		}
		if len(find(sec, tagClass("svg", "graph"))) != 1 {
			t.Errorf("%s: no service graph", run.Name)
		}
		body := textOf(sec)
		for name := range spec.Services {
			if !strings.Contains(body, name) {
				t.Errorf("%s: service %s is missing", run.Name, name)
			}
		}
		for _, v := range run.Verdicts {
			if !strings.Contains(body, v.Pos) {
				t.Errorf("%s: the verdict of %s is missing", run.Name, v.Pos)
			}
		}
		if len(run.Events) > 0 {
			labels := textOfAll(find(charts[0], tagClass("text", "")))
			if !strings.Contains(labels, run.Events[0].Kind) {
				t.Errorf("%s: the latency chart does not mark %s", run.Name, run.Events[0].Kind)
			}
		}
	}
	status := "pass"
	if !res.Pass() {
		status = "fail"
	}
	if b := find(doc, tagClass("div", "banner")); len(b) != 1 || !hasClass(b[0], status) {
		t.Errorf("the banner does not say %s", status)
	}
}

func textOfAll(ns []*html.Node) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, textOf(n))
	}
	return strings.Join(parts, "\n")
}
