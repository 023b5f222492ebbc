package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/berth-dev/berth/lang"
)

// class4xx is the class of a 4xx answer: a misconfiguration rather
// than an overload, outside the spec's retry classes, never retried.
const class4xx = "4xx"

// transport is shared by every link: keep-alive connections to each
// replica, no overall client timeout (each attempt has its own).
var transport = &http.Transport{
	Proxy:               nil,
	DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
	MaxIdleConns:        1024,
	MaxIdleConnsPerHost: 256,
	IdleConnTimeout:     90 * time.Second,
	DisableCompression:  true,
}

var httpClient = &http.Client{Transport: transport}

// maxBody caps how much of a callee's answer is read.
const maxBody = 4 << 20

// outcome is one attempt's result. class is "" on success, else one of
// lang.RetryOn* or class4xx.
type outcome struct {
	status   int
	body     json.RawMessage
	degraded bool
	class    string
	err      string
}

// send makes one HTTP attempt to addr, within timeout (0 = none).
func send(ctx context.Context, addr, path, caller string, timeout time.Duration) outcome {
	actx, cancel := ctx, context.CancelFunc(func() {})
	if timeout > 0 {
		actx, cancel = context.WithTimeout(ctx, timeout)
	}
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, "http://"+addr+path, nil)
	if err != nil {
		return outcome{class: lang.RetryOnRefused, err: err.Error()}
	}
	req.Header.Set("X-Berth-Caller", caller)
	resp, err := httpClient.Do(req)
	if err != nil {
		return failed(ctx, actx, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return failed(ctx, actx, err)
	}
	o := outcome{status: resp.StatusCode, degraded: resp.Header.Get(HeaderDegraded) == "1"}
	if json.Valid(raw) {
		o.body = raw
	}
	switch c := resp.StatusCode; {
	case c < 400:
	case c == http.StatusServiceUnavailable:
		o.class, o.err = lang.RetryOnRejected, "503 Service Unavailable"
	case c >= 500:
		o.class, o.err = lang.RetryOn5xx, resp.Status
	default:
		o.class, o.err = class4xx, resp.Status
	}
	return o
}

// failed classifies an attempt that got no answer.
func failed(parent, actx context.Context, err error) outcome {
	switch {
	case parent.Err() != nil:
		return outcome{class: lang.RetryOnRefused, err: "stopped: " + parent.Err().Error()}
	case errors.Is(actx.Err(), context.DeadlineExceeded):
		return outcome{class: lang.RetryOnTimeout, err: "timed out"}
	case errors.Is(err, syscall.ECONNREFUSED):
		return outcome{class: lang.RetryOnRefused, err: "connection refused"}
	}
	return outcome{class: lang.RetryOnRefused, err: fmt.Sprint(unwrapURL(err))}
}

func unwrapURL(err error) error {
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) && ue.Unwrap() != nil {
		return ue.Unwrap()
	}
	return err
}
