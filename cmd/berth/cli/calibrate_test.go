package cli

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/berth-dev/berth/simulate/loadgen"
)

// calibrate --json gives durations in seconds, like every other command.
func TestCalibrationJSONSeconds(t *testing.T) {
	c := newCalibration(&loadgen.Calibration{Hop: 855 * time.Microsecond, HopMedian: time.Millisecond,
		RoundTrip: 729 * time.Microsecond, WorkOvershoot: 3 * time.Millisecond, Direct: 2 * time.Millisecond,
		Chain: 16 * time.Millisecond, Work: 8 * time.Millisecond, Samples: 50, Hops: 8})
	c.Backend, c.Project = "compose", "shop-calibrate"
	var b bytes.Buffer
	if err := writeJSON(&b, c); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{
		"hop": 0.000855, "hop_median": 0.001, "round_trip": 0.000729, "work_overshoot": 0.003,
		"direct": 0.002, "chain": 0.016, "work": 0.008, "samples": 50.0, "hops": 8.0,
		"hop_latency": "0.855ms", "backend": "compose", "project": "shop-calibrate",
	} {
		if got[key] != want {
			t.Errorf("%s = %v, want %v\n%s", key, got[key], want, b.String())
		}
	}
	if _, ok := got["Calibration"]; ok {
		t.Errorf("the Go struct leaks into the JSON:\n%s", b.String())
	}
}
