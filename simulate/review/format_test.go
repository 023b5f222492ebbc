package review

import (
	"strings"
	"testing"
)

// Large values and large relative changes are written out, never in Go's
// exponent notation ("1e+02 %", "1.23e+03 s"): a reviewer reads them.
func TestFormatNoExponent(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"throughput drop of 99.7 %", formatDelta("1/s", 633.8, 1.833), "−632/s (−100 %)"},
		{"p99 tripled", formatDelta("s", 0.05, 0.2), "+150 ms (+300 %)"},
		{"small relative change", formatDelta("s", 1.8, 1.8168), "+16.8 ms (+0.93 %)"},
		{"error rate up, in percentage points", formatDelta("ratio", 0.01, 0.022), "+1.2 pp"},
		{"error rate down, in percentage points", formatDelta("ratio", 0.185, 0.0909), "−9.41 pp"},
		{"error rate from zero", formatDelta("ratio", 0, 0.5), "+50 pp"},
		{"latency in thousands of seconds", formatValue("s", 1234.6), "1235 s"},
		{"rate in tens of thousands", formatValue("1/s", 54321), "54321/s"},
		{"cost", formatValue("cpu", 12345.6), "12346"},
		{"finding rate", num(50000), "50000"},
		{"finding percent", percent(12.5), "1250 %"},
	}
	for _, tt := range tests {
		if strings.Contains(tt.got, "e+") || tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
