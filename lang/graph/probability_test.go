package graph

import (
	"testing"

	"github.com/berth-dev/berth/lang"
)

// TestNeverCalled: probability = 0 is an explicit "never", shown as 0%
// and optional, not as a call that always happens.
func TestNeverCalled(t *testing.T) {
	if got := flowText(seq(call("a", prob(0)))); got != "a (0%)" {
		t.Errorf("flow text %q, want %q", got, "a (0%)")
	}
	label, optional, _ := callLabel(nil, []*lang.Call{call("a", prob(0)).Call})
	if label != "no link · 0%" || !optional {
		t.Errorf("call label %q optional %v, want %q, optional", label, optional, "no link · 0%")
	}
	if label, optional := publishLabel([]*lang.Publish{{Queue: "q", Probability: 0}}); label != "publish · 0%" || !optional {
		t.Errorf("publish label %q optional %v, want %q, optional", label, optional, "publish · 0%")
	}
}
