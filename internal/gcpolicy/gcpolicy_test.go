package gcpolicy

import (
	"runtime/debug"
	"testing"
)

func TestApply(t *testing.T) {
	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	tests := []struct {
		name    string
		env     map[string]string
		percent int
	}{
		{"unset", nil, Percent},
		{"GOGC set", map[string]string{"GOGC": "50"}, before},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "2GiB"}, before},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			restore := Apply(func(k string) string { return tt.env[k] })
			got := debug.SetGCPercent(-1)
			debug.SetGCPercent(got)
			limit := debug.SetMemoryLimit(-1)
			restore()
			if got != tt.percent {
				t.Errorf("GC percent = %d, want %d", got, tt.percent)
			}
			if tt.percent == Percent && limit != MemoryLimit {
				t.Errorf("memory limit = %d, want %d", limit, MemoryLimit)
			}
			if after := debug.SetGCPercent(-1); after != before {
				t.Errorf("after restore the GC percent is %d, want %d", after, before)
			}
			debug.SetGCPercent(before)
		})
	}
}
