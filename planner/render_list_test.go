package planner

import (
	"encoding/json"
	"strings"
	"testing"
)

// A health check's command reads as the list the spec writes, in the plan
// and in a plan file's rendering; it read as escaped JSON
// ("health.test: \"[\\\"CMD\\\",…]\""), the form a map attribute keeps it
// in. The JSON keeps that form.
func TestRenderHealthTestAsList(t *testing.T) {
	before, after := `["CMD","/app","--probe","a b"]`, `["CMD","/app","--probe","c \"d\""]`
	want := `      health.test: ["CMD", "/app", "--probe", "a b"] → ["CMD", "/app", "--probe", "c \"d\""]` + "\n"
	jp := &JSONPlan{Backend: "swarm", Project: "shop", ResourceChanges: []*JSONChange{{
		Address: "service.api", Actions: []string{"update"},
		Reasons: []Reason{{Attribute: "health.test", Before: before, After: after, Action: Update}},
	}}, Summary: JSONSummary{Change: 1}}
	data, err := json.Marshal(jp)
	if err != nil {
		t.Fatal(err)
	}
	var file JSONPlan // read back from a plan file
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*JSONPlan{"plan": jp, "plan file": &file} {
		var b strings.Builder
		Render(&b, p, RenderOptions{})
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s: render:\n%s\nwant the line\n%s", name, b.String(), want)
		}
	}
	if !strings.Contains(string(data), `"after":"[\"CMD\",\"/app\",\"--probe\",\"c \\\"d\\\"\"]"`) {
		t.Errorf("the JSON does not keep the attribute's own form: %s", data)
	}
	for _, tc := range []struct {
		r    Reason
		want string
	}{
		{Reason{Attribute: "health.test", After: `["NONE"]`}, `health.test: (none) → ["NONE"]`},
		{Reason{Attribute: "health.test", Before: "not json", After: "null"}, `health.test: "not json" → "null"`},
		{Reason{Attribute: "env.TEST", After: `["a"]`}, `env.TEST: (none) → "[\"a\"]"`}, // a string that looks like a list stays a string
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.r, got, tc.want)
		}
	}
}
