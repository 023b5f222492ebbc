package words

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{1, "node", "1 node"},
		{3, "node", "3 nodes"},
		{0, "replica", "0 replicas"},
		{2, "process", "2 processes"},
		{2, "policy", "2 policies"},
		{2, "day", "2 days"},
		{2, "match", "2 matches"},
		{-1, "byte", "-1 byte"},
	}
	for _, tt := range tests {
		if got := Count(tt.n, tt.noun); got != tt.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
}

func TestA(t *testing.T) {
	tests := map[string]string{
		"update order":          "an update order",
		"arrival process":       "an arrival process",
		"load-balancing policy": "a load-balancing policy",
		"backend":               "a backend",
		"unit":                  "a unit",
		"user":                  "a user",
		"Enum":                  "an Enum",
		"one-shot":              "a one-shot",
		"":                      "",
	}
	for in, want := range tests {
		if got := A(in); got != want {
			t.Errorf("A(%q) = %q, want %q", in, got, want)
		}
	}
}
