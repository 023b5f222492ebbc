package review

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONListsNeverNull: identical sides without simulation have no
// change, delta, finding, resolved finding or regression, and the JSON
// says so with empty arrays, not null (jq '.deltas[]' and len() in a
// script fail on null).
func TestJSONListsNeverNull(t *testing.T) {
	fsys := editedShop(t, "main.berth.hcl")
	r, diags := Build(side(t, "old", "shop", fsys), side(t, "new", "shop", fsys), Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"changes", "deltas", "resolved", "regressions"} {
		if string(m[k]) != "[]" {
			t.Errorf("%s: %s, want []", k, m[k])
		}
	}
	if string(m["findings"]) == "null" {
		t.Errorf("findings: null, want a list")
	}
}

// TestMarkdownOneReplication: the header says "1 replication", not
// "1 replications".
func TestMarkdownOneReplication(t *testing.T) {
	for n, want := range map[int]string{1: "simulated with 1 replication per run", 3: "simulated with 3 replications per run"} {
		var b strings.Builder
		r := &Review{Replications: n, Simulated: true, Cost: MetricDelta{Old: &Stat{}, New: &Stat{}}}
		if err := r.WriteMarkdown(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("replications %d: %q lacks %q", n, b.String(), want)
		}
	}
}

// TestJSONAttributesNeverNull: a created block without attributes
// (network "edge" {}) has "attributes": [], not null (jq
// '.changes[].attributes[]' failed on it).
func TestJSONAttributesNeverNull(t *testing.T) {
	r, diags := Build(srcSide(t, "old", "service \"a\" {}\n"), srcSide(t, "new", "service \"a\" {}\nnetwork \"edge\" {}\n"), Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	b, err := json.Marshal(r.Changes)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"address":"network.edge"`) || strings.Contains(string(b), `"attributes":null`) {
		t.Errorf("changes: %s", b)
	}
}
