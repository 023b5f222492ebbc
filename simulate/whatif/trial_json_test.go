package whatif

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTrialJSON(t *testing.T) {
	tests := []struct {
		trial    Trial
		has, not []string
	}{
		{Trial{Values: []float64{2}, Status: StatusPruned, Reason: "ρ(api) = 1.75 ≥ 1"},
			[]string{`"status":"pruned"`, `"reason"`}, []string{`"p99"`, `"error_rate"`}},
		{Trial{Values: []float64{3}, Status: StatusPass, P99: 0, ErrorRate: 0},
			[]string{`"p99":0`, `"error_rate":0`}, nil},
		{Trial{Values: []float64{1}, Status: StatusFail, P99: 0.25, ErrorRate: 0.5},
			[]string{`"p99":0.25`, `"error_rate":0.5`}, nil},
	}
	for _, tt := range tests {
		data, err := json.Marshal(&tt.trial)
		if err != nil {
			t.Fatal(err)
		}
		js := string(data)
		for _, s := range tt.has {
			if !strings.Contains(js, s) {
				t.Errorf("%s trial: %s lacks %s", tt.trial.Status, js, s)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(js, s) {
				t.Errorf("%s trial: %s has %s, which a trial that was not simulated has no value for", tt.trial.Status, js, s)
			}
		}
	}
}
