package dockertest

import "testing"

// Ports handed to engine tests lie below the ephemeral range, where no
// outgoing connection or listener on port 0 takes them before the engine
// binds them, and no two calls share one.
func TestFreePortRangeBelowEphemeral(t *testing.T) {
	low := EphemeralLow()
	taken := map[int]bool{}
	for range 20 {
		base := FreePortRange(t, 30)
		if base < 20000 || base+30 > low {
			t.Errorf("ports %d–%d: want them in 20000–%d, below the ephemeral range", base, base+29, low-1)
		}
		for p := base; p < base+30; p++ {
			if taken[p] {
				t.Errorf("port %d handed out twice", p)
			}
			taken[p] = true
		}
	}
	if p := FreePort(t); p < 20000 || p >= low || taken[p] {
		t.Errorf("FreePort: %d", p)
	}
}
