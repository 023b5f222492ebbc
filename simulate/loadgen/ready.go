package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/berth-dev/berth/lang"
)

// healthPath is what WaitReady and RoundTrip request: the emulator's
// health endpoint (any HTTP answer will do for a service with an image).
const healthPath = "/healthz"

// WaitReady polls target's /healthz every 100 ms until it gives any HTTP
// answer, for at most wait: a stack just applied may still be starting.
func WaitReady(ctx context.Context, target *url.URL, wait time.Duration) error {
	if _, err := CheckTarget(target.String()); err != nil {
		return err
	}
	client := boundedClient(time.Second)
	defer client.CloseIdleConnections()
	deadline := time.Now().Add(wait)
	var last error
	for {
		_, _, last = get(ctx, client, target.String()+healthPath)
		if last == nil {
			return nil
		}
		if ctx.Err() != nil {
			return interrupted(ctx, target)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("nothing answers at %s after %s: %v (is the stack deployed and its port published on 127.0.0.1?)", target, wait, last)
		}
		select {
		case <-ctx.Done():
			return interrupted(ctx, target)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// interrupted is the error of a wait that ctx ended (Ctrl-C).
func interrupted(ctx context.Context, target *url.URL) error {
	return fmt.Errorf("stopped while waiting for %s to answer (%w): nothing was sent", target, ctx.Err())
}

// RoundTrip returns the median time of n requests of target's /healthz,
// one at a time: the client → entry round trip that the simulator does
// not model (it starts the clock when a request reaches the entry).
func RoundTrip(ctx context.Context, target *url.URL, n int) (time.Duration, error) {
	if _, err := CheckTarget(target.String()); err != nil {
		return 0, err
	}
	client := boundedClient(5 * time.Second)
	defer client.CloseIdleConnections()
	var ds []time.Duration
	for i := range n + 5 {
		d, _, err := get(ctx, client, target.String()+healthPath)
		if err != nil {
			return 0, err
		}
		if i >= 5 { // the first ones open the connection
			ds = append(ds, d)
		}
	}
	slices.Sort(ds)
	return ds[len(ds)/2], nil
}

// boundedClient is a client of one connection whose every request,
// answer included, must end within timeout: a target that accepts and
// never answers (a hang fault, a stuck process) fails the request instead
// of holding the command for ever.
func boundedClient(timeout time.Duration) *http.Client {
	c := newClient(1, timeout)
	c.Timeout = timeout
	return c
}

// get requests url, reads the answer and returns how long it took and
// its status.
func get(ctx context.Context, client *http.Client, url string) (time.Duration, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, 0, err
	}
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	return time.Since(t0), resp.StatusCode, err
}

// Scaled returns the rate profile p with every rate multiplied by x, so a
// simulation runs the load a test sent with RateScale x.
func Scaled(p lang.RateProfile, x float64) lang.RateProfile { return scaled(p, x) }

// FetchJSON GETs path at target and decodes its JSON answer into v (for
// the emulator's /_berth/stats). It fails on a non-200 answer.
func FetchJSON(ctx context.Context, target *url.URL, path string, v any) error {
	if _, err := CheckTarget(target.String()); err != nil {
		return err
	}
	client := boundedClient(5 * time.Second)
	defer client.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String()+path, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(v)
}
