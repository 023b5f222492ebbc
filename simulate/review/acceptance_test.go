package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/simulate"
)

// TestAcceptanceShopPR is issue 6's "done when": on the shop, a pull
// request that lowers the orders timeout and adds one retry produces a
// comment that shows the structural change and the p99/error deltas, and
// flags retry amplification at the line of the new attempts.
func TestAcceptanceShopPR(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates the shop")
	}
	fsys := editedShop(t, "links.berth.hcl", prEdits...)
	r, diags := Build(side(t, "main", shopDir, nil), side(t, "HEAD", "shop", fsys), Options{
		Seed: 1, Replications: 3, Loads: []string{"peak"}, Scenarios: []string{"orders-replica-loss"},
	})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var md bytes.Buffer
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	comment := md.String()
	attempts := fmt.Sprintf("shop/links.berth.hcl:%d", lineOf(t, fsys, "shop/links.berth.hcl", `link "gateway" "orders"`, "attempts = 4"))
	for _, want := range []string{
		Marker,
		"✏️ **update** `link.gateway->orders`",
		"`timeout`: `\"300ms\"` → `\"25ms\"`",
		"`retry.attempts`: `3` → `4` · `" + attempts + "`",
		"| load peak | p50 |",
		"|  | p99 |",
		"|  | error_rate |",
		"| scenario orders-replica-loss | p50 |",
		"```mermaid",
		"**retry-amplification** `link.gateway->orders` · `" + attempts + "`",
	} {
		if !strings.Contains(comment, want) {
			t.Errorf("the comment lacks %q:\n%s", want, comment)
		}
	}
	// Both sides of every shown metric are simulated, with intervals.
	for _, d := range r.Deltas {
		for _, m := range d.Metrics {
			if m.Old == nil || m.New == nil || m.Old.CI == nil || m.New.CI == nil {
				t.Errorf("%s %s: missing a side or an interval", d.Case, m.Metric)
			}
		}
	}
	amp := find(r.Findings, KindRetryAmplification, "link.gateway->orders")
	if amp == nil || amp.Pos != attempts || !amp.Worse {
		t.Errorf("retry amplification: %+v, want it at %s and worse than on main", amp, attempts)
	}
	// 25 ms is well below the p99 of orders: a new finding, from the simulation.
	if f := find(r.Findings, KindTimeoutBelowP99, "link.gateway->orders"); f == nil || !f.New {
		t.Errorf("timeout below p99: %+v, want a new finding", f)
	}
	var js map[string]any
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(r); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"summary", "changes", "deltas", "findings", "cost", "mermaid"} {
		if _, ok := js[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
}

func find(fs []Finding, kind, subject string) *Finding {
	for i := range fs {
		if fs[i].Kind == kind && fs[i].Subject == subject {
			return &fs[i]
		}
	}
	return nil
}

// TestMarkdownGolden renders the pull request's comment without the
// simulation (deterministic) and compares it with testdata/pr.md.
// BERTH_UPDATE=1 rewrites the file.
func TestMarkdownGolden(t *testing.T) {
	fsys := editedShop(t, "links.berth.hcl", prEdits...)
	r, _ := Build(side(t, "main", shopDir, nil), side(t, "HEAD", "shop", fsys), Options{NoSimulation: true})
	var md bytes.Buffer
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	golden := "testdata/pr.md"
	if os.Getenv("BERTH_UPDATE") != "" {
		if err := os.WriteFile(golden, md.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (BERTH_UPDATE=1 writes it)", err)
	}
	if md.String() != string(want) {
		t.Errorf("markdown differs from %s (BERTH_UPDATE=1 rewrites it):\n%s", golden, md.String())
	}
}

// TestSignificance: a delta is significant only when the intervals do
// not overlap, and worse only in the bad direction.
func TestSignificance(t *testing.T) {
	rep := func(p99, lo, hi, tput float64) *simulate.Report {
		return &simulate.Report{Entry: &simulate.Metrics{
			Latency: simulate.Latency{P99: p99}, Throughput: tput,
			CI: &simulate.MetricsCI{P99: simulate.CI{Low: lo, High: hi}, Throughput: simulate.CI{Low: tput - 1, High: tput + 1}},
		}}
	}
	tests := []struct {
		name              string
		old, new          *simulate.Report
		significant, bad  bool
		tputSig, tputWors bool
	}{
		{"overlap", rep(0.10, 0.09, 0.11, 100), rep(0.105, 0.10, 0.12, 100), false, false, false, false},
		{"slower", rep(0.10, 0.09, 0.11, 100), rep(0.20, 0.18, 0.22, 90), true, true, true, true},
		{"faster", rep(0.20, 0.18, 0.22, 90), rep(0.10, 0.09, 0.11, 100), true, false, true, false},
	}
	for _, tt := range tests {
		d := compareCase(simulate.Case{Load: "peak"}, tt.old, tt.new)
		p99, tput := d.Metrics[1], d.Metrics[3]
		if p99.Metric != "p99" || tput.Metric != "throughput" {
			t.Fatalf("metric order: %+v", d.Metrics)
		}
		if p99.Significant != tt.significant || p99.Worse != tt.bad || tput.Significant != tt.tputSig || tput.Worse != tt.tputWors {
			t.Errorf("%s: p99 %+v, throughput %+v", tt.name, p99, tput)
		}
	}
	// One replication: no interval, never significant.
	one := &simulate.Report{Entry: &simulate.Metrics{Latency: simulate.Latency{P99: 1}}}
	two := &simulate.Report{Entry: &simulate.Metrics{Latency: simulate.Latency{P99: 2}}}
	if d := compareCase(simulate.Case{Load: "peak"}, one, two); d.Metrics[1].Significant {
		t.Error("significant without intervals")
	}
}

// A finding's range in JSON has the lowercase form of the diagnostics
// (range.filename, range.start.line, ...), not hcl.Range's field names.
func TestFindingRangeJSON(t *testing.T) {
	f := Finding{Kind: "k", Subject: "service.a", Range: &hcl.Range{Filename: "main.berth.hcl",
		Start: hcl.Pos{Line: 3, Column: 5, Byte: 40}, End: hcl.Pos{Line: 3, Column: 12, Byte: 47}}}
	b, err := json.Marshal([]Finding{f})
	if err != nil {
		t.Fatal(err)
	}
	want := `"range":{"filename":"main.berth.hcl","start":{"line":3,"column":5,"byte":40},"end":{"line":3,"column":12,"byte":47}}`
	if !strings.Contains(string(b), want) || strings.Contains(string(b), "Filename") {
		t.Errorf("got %s\nwant it to hold %s", b, want)
	}
	if b, _ := json.Marshal(Finding{Kind: "k"}); strings.Contains(string(b), "range") {
		t.Errorf("a finding without a range: %s", b)
	}
}
