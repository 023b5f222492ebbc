package loadgen

import (
	"context"
	"fmt"
	"net/url"

	"github.com/berth-dev/berth/backends/emulator"
)

// EntryStats reads the emulator counters of the target (its
// /_berth/stats), or fails when the target is not berth's emulator.
func EntryStats(ctx context.Context, target *url.URL) (*emulator.Stats, error) {
	var st emulator.Stats
	if err := FetchJSON(ctx, target, "/_berth/stats", &st); err != nil {
		return nil, err
	}
	if st.Service == "" {
		return nil, fmt.Errorf("the target is not berth's emulator")
	}
	return &st, nil
}

// StatsDelta returns the counters b − a of the service and its links (the
// gauges as in b; queues left out).
func StatsDelta(a, b *emulator.Stats) *emulator.Stats {
	d := *b
	d.Requests -= a.Requests
	d.Errors -= a.Errors
	d.Rejected -= a.Rejected
	d.Degraded -= a.Degraded
	d.Links = map[string]emulator.LinkStats{}
	for name, l := range b.Links {
		p := a.Links[name]
		l.Calls -= p.Calls
		l.Attempts -= p.Attempts
		l.Retries -= p.Retries
		l.Failures -= p.Failures
		l.Timeouts -= p.Timeouts
		l.Fallbacks -= p.Fallbacks
		l.ShortCircuited -= p.ShortCircuited
		l.BulkheadFull -= p.BulkheadFull
		d.Links[name] = l
	}
	d.Queues = nil
	return &d
}
