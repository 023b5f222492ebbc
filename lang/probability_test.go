package lang

import "testing"

// TestProbabilityDefault: an absent probability is 1; an explicit 0 stays
// 0 (never), for calls and publishes alike.
func TestProbabilityDefault(t *testing.T) {
	for _, tc := range []struct {
		attr string
		want float64
	}{{"", 1}, {"probability = 0", 0}, {"probability = 0.25", 0.25}, {"probability = 1", 1}} {
		s := mustLoad(t, `
queue "q" {}
service "a" {
  endpoint "e" {
    call "b" {
      `+tc.attr+`
    }
    publish "q" {
      `+tc.attr+`
    }
  }
}
service "b" {}
link "a" "b" {}
`, Options{})
		steps := s.Services["a"].Endpoint("e").Flow.Children
		if got := steps[0].Call.Probability; got != tc.want {
			t.Errorf("%q: call probability %g, want %g", tc.attr, got, tc.want)
		}
		if got := steps[1].Publish.Probability; got != tc.want {
			t.Errorf("%q: publish probability %g, want %g", tc.attr, got, tc.want)
		}
	}
}
