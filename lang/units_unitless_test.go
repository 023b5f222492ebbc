package lang

import "testing"

func TestUnitlessDuration(t *testing.T) {
	for s, want := range map[string]string{
		"100":                  "100",
		" 2.5 ":                "2.5",
		"0":                    "",
		"100ms":                "",
		"exp(10)":              "10",
		"lognormal(4ms, 20)":   "20",
		"uniform(0, 5)":        "5",
		"gamma(10ms, 2)":       "", // a coefficient of variation
		"erlang(2s, 4)":        "", // a number of phases
		"gamma(10, 2)":         "10",
		"empirical(1ms, 3, 4)": "3",
		"const(2ms)":           "",
	} {
		if got := unitlessDuration(s); got != want {
			t.Errorf("unitlessDuration(%q) = %q, want %q", s, got, want)
		}
	}
}
