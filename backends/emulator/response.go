package emulator

import "encoding/json"

// HeaderDegraded is set to "1" on a response that a fallback degraded.
const HeaderDegraded = "X-Berth-Degraded"

// Response is the JSON body of every endpoint. Status codes: 200 when the
// request succeeded (degraded or not), 503 when this replica rejected it
// (workers and waiting room full, or shutting down), 502 when a call
// without fallback failed, 504 when that failure was a timeout, 404 for an
// unknown endpoint.
type Response struct {
	Service  string `json:"service"`
	Endpoint string `json:"endpoint"`
	// Replica is the host name of the container that answered.
	Replica string `json:"replica"`
	// Degraded is true when a fallback answered for a failed call, here or
	// in any downstream response.
	Degraded bool `json:"degraded"`
	// Calls are the downstream calls made, in the flow's declaration order
	// (parallel branches too); calls skipped by probability or not reached
	// after a failure are absent.
	Calls     []CallResult    `json:"calls,omitempty"`
	Published []PublishResult `json:"published,omitempty"`
	// Error says why the request failed; empty on success.
	Error string `json:"error,omitempty"`
}

// CallResult is one downstream call as its caller saw it.
type CallResult struct {
	Service  string `json:"service"`
	Endpoint string `json:"endpoint,omitempty"`
	// Status is the HTTP status of the last attempt; 0 when no attempt got
	// an answer (timeout, refused, breaker open).
	Status   int  `json:"status"`
	Attempts int  `json:"attempts"`
	Degraded bool `json:"degraded"`
	// Fallback names the fallback that answered for a failed call.
	Fallback string `json:"fallback,omitempty"`
	// Class is the failure class of the last failed attempt: timeout,
	// refused, rejected, 5xx or 4xx (unset on success).
	Class string `json:"class,omitempty"`
	Error string `json:"error,omitempty"`
	// Body is the callee's JSON response (a Response when the callee is an
	// emulator).
	Body json.RawMessage `json:"body,omitempty"`
}

// PublishResult is one message published to a queue.
type PublishResult struct {
	Queue string `json:"queue"`
	// Accepted is false when the outbox was full.
	Accepted bool `json:"accepted"`
}
