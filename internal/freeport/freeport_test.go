package freeport

import "testing"

// Ports lie below the ephemeral range, where no outgoing connection or
// listener on port 0 takes them before their taker binds them, and no two
// calls share one.
func TestRangeBelowEphemeral(t *testing.T) {
	eph := EphemeralLow()
	taken := map[int]bool{}
	for range 20 {
		base, err := Range(30)
		if err != nil {
			t.Fatal(err)
		}
		if base < low || base+30 > eph {
			t.Errorf("ports %d–%d: want them in %d–%d, below the ephemeral range", base, base+29, low, eph-1)
		}
		for p := base; p < base+30; p++ {
			if taken[p] {
				t.Errorf("port %d handed out twice", p)
			}
			taken[p] = true
		}
	}
}
