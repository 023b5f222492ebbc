package emulator

import (
	"math/rand/v2"
	"testing"
)

// TestHappens: probability 0 is never (the loader sets 1 when the
// attribute is absent), 1 always, 0.5 about half the time.
func TestHappens(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		p      float64
		lo, hi int
	}{{0, 0, 0}, {1, 1000, 1000}, {0.5, 450, 550}} {
		n := 0
		for range 1000 {
			if happens(r, tc.p) {
				n++
			}
		}
		if n < tc.lo || n > tc.hi {
			t.Errorf("p = %g: %d of 1000, want %d–%d", tc.p, n, tc.lo, tc.hi)
		}
	}
}
