package loadgen

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// Calibration is what Calibrate measured.
type Calibration struct {
	// Hop is the one-way cost of one hop (network and HTTP, both ends),
	// from the trimmed means: what hop_latency should hold.
	Hop time.Duration `json:"hop"`
	// HopMedian is the same from the medians, for comparison.
	HopMedian time.Duration `json:"hop_median"`
	// RoundTrip is the median time of a direct request from this machine
	// to the probe: the client → entry round trip, which the simulator
	// does not model.
	RoundTrip time.Duration `json:"round_trip"`
	// WorkOvershoot is how much longer than asked ProbeWork of the
	// emulator's local work took (timer granularity, CPU contention): the
	// emulator adds it to every service time, the simulator does not.
	WorkOvershoot time.Duration `json:"work_overshoot"`
	// Direct, Chain and Work are the trimmed mean times of the requests.
	Direct  time.Duration `json:"direct"`
	Chain   time.Duration `json:"chain"`
	Work    time.Duration `json:"work"`
	Samples int           `json:"samples"`
	Hops    int           `json:"hops"`
}

// HopLatency returns Hop as hop_latency's value, to the microsecond.
func (c *Calibration) HopLatency() string { return FormatHop(c.Hop) }

// FormatHop writes d in milliseconds to the microsecond ("0.214ms").
func FormatHop(d time.Duration) string {
	us := d.Round(time.Microsecond).Microseconds()
	return strconv.FormatFloat(float64(us)/1000, 'f', -1, 64) + "ms"
}

// calibrationWarmup is the number of request pairs sent and not counted.
const calibrationWarmup = 20

// Calibrate times direct, chain and work requests to a probe at target,
// one at a time (so nothing queues), in turn so that drift on the machine
// hits all alike, and derives the cost of one hop and the overshoot of
// local work.
func Calibrate(ctx context.Context, target *url.URL, samples int) (*Calibration, error) {
	if _, err := CheckTarget(target.String()); err != nil {
		return nil, err
	}
	if samples < 10 {
		return nil, fmt.Errorf("calibrate: %d samples are too few; use at least 10", samples)
	}
	client := boundedClient(10 * time.Second)
	defer client.CloseIdleConnections()
	paths := []string{"/direct", "/chain", "/work"}
	times := make([][]time.Duration, len(paths))
	for i := range samples + calibrationWarmup {
		for k, p := range paths {
			d, err := timeGet(ctx, client, target.String()+p)
			if err != nil {
				return nil, err
			}
			if i >= calibrationWarmup {
				times[k] = append(times[k], d)
			}
		}
	}
	direct, chain, work := times[0], times[1], times[2]
	hops := time.Duration(2 * ProbeHops)
	cal := &Calibration{
		Direct: trimmedMean(direct), Chain: trimmedMean(chain), Work: trimmedMean(work),
		RoundTrip: median(direct), Samples: samples, Hops: ProbeHops,
	}
	cal.Hop = max(cal.Chain-cal.Direct, 0) / hops
	cal.HopMedian = max(median(chain)-median(direct), 0) / hops
	cal.WorkOvershoot = cal.Work - cal.Direct - ProbeWork
	return cal, nil
}

// timeGet times one GET of url, which must answer 200.
func timeGet(ctx context.Context, client *http.Client, url string) (time.Duration, error) {
	d, status, err := get(ctx, client, url)
	switch {
	case err != nil:
		return 0, fmt.Errorf("calibrate: %w", err)
	case status != http.StatusOK:
		return 0, fmt.Errorf("calibrate: %s answered %d %s: is the calibration probe running there?", url, status, http.StatusText(status))
	}
	return d, nil
}

// trimmedMean is the mean of xs without its lowest and highest 10 %
// (scheduler hiccups and garbage collections on either end).
func trimmedMean(xs []time.Duration) time.Duration {
	s := slices.Clone(xs)
	slices.Sort(s)
	cut := len(s) / 10
	s = s[cut : len(s)-cut]
	var sum time.Duration
	for _, x := range s {
		sum += x
	}
	return sum / time.Duration(len(s))
}

func median(xs []time.Duration) time.Duration {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
