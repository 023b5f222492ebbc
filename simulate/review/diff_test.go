package review

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The pull request of the acceptance test: a lower timeout and one more
// attempt on the gateway's calls to orders.
var prEdits = []string{
	`timeout        = "300ms"`, `timeout        = "25ms"`,
	"attempts = 3\n    backoff  = \"exponential\"", "attempts = 4\n    backoff  = \"exponential\"",
}

func TestStructuralDiff(t *testing.T) {
	old := side(t, "main", shopDir, nil)
	tests := []struct {
		name  string
		file  string
		edits []string
		want  []string
	}{
		{"same spec from another directory", "links.berth.hcl", nil, nil},
		{"timeout and retry", "links.berth.hcl", prEdits, []string{
			"update link.gateway->orders\n  retry.attempts: 3 → 4\n  timeout: \"300ms\" → \"25ms\"",
		}},
		{"capacity and flow", "services.berth.hcl", []string{
			"workers = 4 # a small pool", "workers = 6 # a small pool",
			"call \"users\" {\n        fallback = \"default\"\n      }", "call \"users\" {}",
		}, []string{
			"update service.gateway\n  endpoints.list_orders.flow: \"auth → ∥{users (fallback), orders → products}\" → \"auth → ∥{users, orders → products}\"\n  endpoints.list_orders.flow.call.users.fallback: \"default\" → (none)",
			"update service.orders\n  capacity.workers: 4 → 6",
		}},
		{"added, removed and changed blocks", "load.berth.hcl", []string{
			"load \"ramp\" {", "load \"spike\" {",
			"p99        = \"250ms\"", "p99        = \"200ms\"",
		}, []string{
			// The same configuration under another name: berth plan's rename hint.
			"delete load.ramp\n  (same configuration as \"spike\", which is created: a rename? berth has no moved block, so \"ramp\"'s objects are deleted and \"spike\"'s created new)\n  arrival: \"poisson\" → (none)\n  duration: \"1m30s\" → (none)\n  entry.service: \"gateway\" → (none)\n  profile.from: 50 → (none)\n  profile.kind: \"ramp\" → (none)\n  profile.over: \"1m\" → (none)\n  profile.to: 400 → (none)",
			"create load.spike\n  (same configuration as \"ramp\", which is deleted: a rename? berth has no moved block, so \"ramp\"'s objects are deleted and \"spike\"'s created new)\n  arrival: (none) → \"poisson\"\n  duration: (none) → \"1m30s\"\n  entry.service: (none) → \"gateway\"\n  profile.from: (none) → 50\n  profile.kind: (none) → \"ramp\"\n  profile.over: (none) → \"1m\"\n  profile.to: (none) → 400",
			"update scenario.orders-replica-loss\n  expect.p99: \"250ms\" → \"200ms\"",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			new := side(t, "pr", "shop", editedShop(t, tt.file, tt.edits...))
			r, diags := Build(old, new, Options{NoSimulation: true})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var got []string
			for _, c := range r.Changes {
				got = append(got, c.String())
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("changes (-want +got):\n%s", d)
			}
		})
	}
}

// Every attribute change points at the line that sets it on the NEW side.
func TestStructuralDiffPositions(t *testing.T) {
	fsys := editedShop(t, "links.berth.hcl", prEdits...)
	r, _ := Build(side(t, "main", shopDir, nil), side(t, "pr", "shop", fsys), Options{NoSimulation: true})
	if len(r.Changes) != 1 {
		t.Fatalf("changes: %v", r.Changes)
	}
	anchor := `link "gateway" "orders"`
	want := map[string]int{
		"timeout":        lineOf(t, fsys, "shop/links.berth.hcl", anchor, "timeout"),
		"retry.attempts": lineOf(t, fsys, "shop/links.berth.hcl", anchor, "attempts = 4"),
	}
	if got := r.Changes[0].Pos; got != fmt.Sprintf("shop/links.berth.hcl:%d", lineOf(t, fsys, "shop/links.berth.hcl", anchor, anchor)) {
		t.Errorf("change pos %s", got)
	}
	for _, a := range r.Changes[0].Attributes {
		if w := fmt.Sprintf("shop/links.berth.hcl:%d", want[a.Attribute]); a.Pos != w {
			t.Errorf("%s at %s, want %s", a.Attribute, a.Pos, w)
		}
	}
}

func TestDiffAttrsMaps(t *testing.T) {
	got := diffAttrs(map[string]any{"env": map[string]string{"A": "1", "B": "2"}, "x": []string{"a"}, "internal": true},
		map[string]any{"env": map[string]string{"A": "1", "B": "3", "C": "4"}, "x": []string{"a", "b"}, "attachable": true})
	var lines []string
	for _, r := range got {
		lines = append(lines, r.String())
	}
	want := []string{`attachable: false → true`, `env.B: "2" → "3"`, `env.C: (none) → "4"`, `internal: true → false`, `x: ["a"] → ["a", "b"]`}
	if d := cmp.Diff(want, lines); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if strings.Join(lines, "") == "" {
		t.Error("no reasons")
	}
}

// A change inside an endpoint's flow points at the call block, a
// capacity change at its attribute, and a removed attribute (the call's
// fallback) at the OLD side's line that set it.
func TestStructuralDiffFlowPositions(t *testing.T) {
	fsys := editedShop(t, "services.berth.hcl",
		"workers = 4 # a small pool", "workers = 6 # a small pool",
		"call \"users\" {\n        fallback = \"default\"\n      }", "call \"users\" {}")
	r, _ := Build(side(t, "main", shopDir, nil), side(t, "pr", "shop", fsys), Options{NoSimulation: true})
	const file = "shop/services.berth.hcl"
	want := map[string]string{
		"endpoints.list_orders.flow":                     fmt.Sprintf("%s:%d", file, lineOf(t, fsys, file, `service "gateway"`, `endpoint "list_orders"`)),
		"endpoints.list_orders.flow.call.users.fallback": fmt.Sprintf("%s/%s:%d", shopDir, "services.berth.hcl", oldLine(t, `endpoint "list_orders"`, `fallback = "default"`)),
		"capacity.workers":                               fmt.Sprintf("%s:%d", file, lineOf(t, fsys, file, `service "orders"`, "workers = 6")),
	}
	n := 0
	for _, c := range r.Changes {
		for _, a := range c.Attributes {
			if w, ok := want[a.Attribute]; ok {
				n++
				if a.Pos != w {
					t.Errorf("%s %s at %s, want %s", c.Address, a.Attribute, a.Pos, w)
				}
			}
		}
	}
	if n != len(want) {
		t.Errorf("found %d of the %d attributes: %+v", n, len(want), r.Changes)
	}
}

// oldLine is the line of text after anchor in the shop's services file.
func oldLine(t *testing.T, anchor, text string) int {
	t.Helper()
	fsys := editedShop(t, "services.berth.hcl")
	return lineOf(t, fsys, "shop/services.berth.hcl", anchor, text)
}
