package swarmtest

import (
	"math"
	"testing"
)

func TestLastHeartbeat(t *testing.T) {
	tests := []struct {
		detected, simulated float64
		want                float64
		err                 bool
	}{
		{detected: 15, simulated: 15, want: 0},
		{detected: 9.8, simulated: 15, want: 5.2},
		{detected: 9.2, simulated: 15, want: 5.5}, // jitter: at most a period and a half second
		{detected: 16, simulated: 15, want: 0},    // a late detection is not a negative phase
		{detected: 8, simulated: 15, err: true},   // earlier than 2 short periods
		{detected: 25, simulated: 15, err: true},  // later than 3 long periods
	}
	for _, tc := range tests {
		got, err := LastHeartbeat(tc.detected, tc.simulated, 0.5)
		if (err != nil) != tc.err || math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("LastHeartbeat(%v, %v) = %v, %v; want %v, error %v", tc.detected, tc.simulated, got, err, tc.want, tc.err)
		}
	}
}
