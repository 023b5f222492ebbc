package lang

import (
	"fmt"
	"strings"
	"testing"
)

const closedService = `service "s" {}
`

// TestClosedLoad: users and think_time make a closed load, with no rate.
func TestClosedLoad(t *testing.T) {
	s := mustLoad(t, closedService+`load "l" {
  entry      = service.s
  users      = 200
  think_time = "exp(1s)"
  timeout    = "5s"
}
`, Options{})
	ld := s.Loads["l"]
	if !ld.Closed() || ld.Users != 200 || ld.ThinkTime.Kind != DistExp || ld.ThinkTime.Mean() != 1 || ld.Arrival != "" || ld.Profile.Rate != 0 {
		t.Errorf("load %+v; want 200 users thinking exp(1s), no rate, no arrival process", ld)
	}
	if c := ld.clone(); &c.ThinkTime.Params[0] == &ld.ThinkTime.Params[0] {
		t.Error("a clone shares the think time's parameters")
	}
	if open := mustLoad(t, closedService+`load "l" {
  entry = service.s
  rate  = 10
}
`, Options{}).Loads["l"]; open.Closed() {
		t.Error("a load with a rate is closed")
	}
}

// TestClosedLoadMistakes: each mistake gets its diagnostic, at its place.
func TestClosedLoadMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string // summary @ line:col
	}{
		{"rate too", "users = 5\n  think_time = \"1s\"\n  rate = 3", []string{"Open and closed load @ 6:10"}},
		{"arrival too", "users = 5\n  think_time = \"1s\"\n  arrival = \"constant\"", []string{"Open and closed load @ 6:13"}},
		{"a ramp too", "users = 5\n  think_time = \"1s\"\n  ramp {\n    from = 1\n    to = 2\n    over = \"1s\"\n  }", []string{"Open and closed load @ 6:3"}},
		{"no think time", "users = 5", []string{"Missing think time @ 2:1"}},
		{"zero think time", "users = 5\n  think_time = \"0s\"", []string{"Value out of range @ 5:16"}},
		{"no users", "users = 0\n  think_time = \"1s\"", []string{"Value out of range @ 4:11"}},
		{"think time alone", "rate = 5\n  think_time = \"1s\"", []string{"Think time without users @ 5:16"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := closedService + "load \"l\" {\n  entry = service.s\n  " + tc.body + "\n}\n"
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%s @ %d:%d", d.Summary, d.Subject.Start.Line, d.Subject.Start.Column))
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("diagnostics %q, want %q\n%s", got, tc.want, src)
			}
		})
	}
}
