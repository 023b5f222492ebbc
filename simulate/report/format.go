package report

import (
	"math"
	"strconv"
	"strings"
)

// finite returns x, or 0 when x is NaN or infinite, so nothing the page
// shows or plots reads "NaN".
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// sig formats x with about three significant digits and no exponent.
func sig(x float64) string {
	x = finite(x)
	a := math.Abs(x)
	prec := 0
	switch {
	case a == 0 || a >= 100:
		prec = 0
	case a >= 10:
		prec = 1
	case a >= 1:
		prec = 2
	default:
		prec = min(6, 2-int(math.Floor(math.Log10(a))))
	}
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// fmtLatency formats a latency given in seconds: "0.42 ms", "23.5 ms",
// "1.25 s".
func fmtLatency(sec float64) string {
	sec = finite(sec)
	if sec >= 1 {
		return sig(sec) + " s"
	}
	return sig(sec*1000) + " ms"
}

// fmtPct formats a fraction as a percentage with the digits that matter
// at its size: "38 %", "4.5 %", "0.013 %".
func fmtPct(frac float64) string {
	v := finite(frac) * 100
	switch a := math.Abs(v); {
	case a >= 10 || a == 0:
		return strconv.FormatFloat(v, 'f', 0, 64) + " %"
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 1, 64) + " %"
	}
	return sig(v) + " %"
}

// fmtRate formats a rate per second: "246 /s".
func fmtRate(r float64) string { return sig(r) + " /s" }

// fmtCount formats a count with thin spaces between thousands: "16 567".
func fmtCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// fmtSeconds formats a duration given in seconds: "60 s", "2.5 s".
func fmtSeconds(sec float64) string { return sig(sec) + " s" }

// latencyMetrics are the verdict metrics measured in seconds.
var latencyMetrics = map[string]bool{"mean": true, "p50": true, "p90": true, "p99": true, "p999": true, "max": true}

// fmtMetric formats a value of the named verdict metric in its unit.
func fmtMetric(metric string, v float64) string {
	switch {
	case latencyMetrics[metric]:
		return fmtLatency(v)
	case strings.HasSuffix(metric, "_rate") || metric == "utilization":
		return fmtPct(v)
	case metric == "throughput":
		return fmtRate(v)
	}
	return sig(v)
}

// fmtClock formats an instant of a run in seconds with millisecond
// precision: "20 s", "30.001 s".
func fmtClock(sec float64) string {
	s := strconv.FormatFloat(finite(sec), 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + " s"
}
