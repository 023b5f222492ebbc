package numfmt

import "testing"

func TestSig(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		n    int
		want string
	}{
		{18.4234, 4, "18.42"},
		{12345.6, 4, "12346"},
		{99.7, 2, "100"},
		{0.000123, 3, "0.000123"},
		{50000, 4, "50000"},
		{0, 4, "0"},
	} {
		if got := Sig(tc.v, tc.n); got != tc.want {
			t.Errorf("Sig(%v, %d) = %q, want %q", tc.v, tc.n, got, tc.want)
		}
	}
}
