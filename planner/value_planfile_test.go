package planner

import (
	"encoding/json"
	"testing"
)

// A list or map read back from a plan file (apply plan.json) renders as
// the plan rendered it: secrets: ["pw=p_pw-1a2b"], not [pw=p_pw-1a2b].
func TestFormatValueReadBackFromAPlanFile(t *testing.T) {
	for _, v := range []any{
		[]string{"pw=p_pw-1a2b", "x"},
		map[string]string{"A": "1", "B": "two"},
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var back any
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if got, want := FormatValue(back), FormatValue(v); got != want {
			t.Errorf("read back from JSON: %s, planned: %s", got, want)
		}
	}
}
