package cli

import (
	"testing"

	"github.com/berth-dev/berth/internal/freeport"
)

// The port calibrate's probe publishes lies below the ephemeral range: the
// kernel's choice for port 0 is a port the next connection of any process
// here may take before the engine binds it, and the probe's apply then
// failed ("address already in use").
func TestCalibratePortBelowEphemeral(t *testing.T) {
	eph := freeport.EphemeralLow()
	for range 20 {
		p, err := freeLoopbackPort()
		if err != nil {
			t.Fatal(err)
		}
		if p >= eph {
			t.Fatalf("calibrate's probe would publish port %d, in the ephemeral range (%d and up)", p, eph)
		}
	}
}
