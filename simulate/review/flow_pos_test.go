package review

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFlowAtCall: a flow that gains a call points at that call's line,
// one that loses a call at the line of the OLD revision that made it;
// a flow whose calls only change order keeps the endpoint's line. All
// pointed at the endpoint's first line.
func TestFlowAtCall(t *testing.T) {
	const src = `service "api" {
  endpoint "get" {
    service_time = "const(1ms)"
%s  }
}
service "a" {}
service "b" {}
service "c" {}
`
	calls := func(names ...string) string {
		out := ""
		for _, n := range names {
			out += fmt.Sprintf("    call %q {}\n", n)
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		old, new []string
		want     string
	}{
		{"added", []string{"a", "b"}, []string{"a", "c", "b"}, "shop/main.berth.hcl:5"},
		{"added twice", []string{"a"}, []string{"a", "a"}, "shop/main.berth.hcl:5"},
		{"removed", []string{"a", "b", "c"}, []string{"a", "c"}, "main:shop/main.berth.hcl:5"},
		{"reordered", []string{"a", "b"}, []string{"b", "a"}, "shop/main.berth.hcl:2"},
	} {
		r := betweenRevisions(t, fmt.Sprintf(src, calls(tc.old...)), fmt.Sprintf(src, calls(tc.new...)))
		got := map[string]string{}
		for _, c := range r.Changes {
			for _, a := range c.Attributes {
				if a.Attribute == "endpoints.get.flow" {
					got[c.Address+" "+a.Attribute] = a.Pos
				}
			}
		}
		if diff := cmp.Diff(map[string]string{"service.api endpoints.get.flow": tc.want}, got); diff != "" {
			t.Errorf("%s: positions (-want +got):\n%s", tc.name, diff)
		}
	}
}
