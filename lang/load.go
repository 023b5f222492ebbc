package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Arrival processes.
const (
	ArrivalPoisson  = "poisson" // default
	ArrivalConstant = "constant"
	ArrivalBursty   = "bursty" // on/off: Poisson at rate/duty during "on", nothing during "off"
)

// The phases of a bursty load without a burst block: 1 s on, 4 s off, so
// the bursts run at 5 × the profile's rate and the mean rate is the rate.
const (
	DefaultBurstOn  = time.Second
	DefaultBurstOff = 4 * time.Second
)

// Load is a `load "name" {}` block: the traffic entering the system.
type Load struct {
	Name string `json:"name"`
	// Entry is the service (and optionally the endpoint) the load enters.
	// Without an endpoint, the entry service's endpoints are chosen by
	// weight.
	Entry   Ref    `json:"entry"`
	Arrival string `json:"arrival"`
	// Profile gives the rate (requests/s) over time.
	Profile RateProfile `json:"profile"`
	// Duration of the run (default 60s) and the warm-up cut at its start
	// whose requests are not measured (default 0).
	Duration time.Duration `json:"duration"`
	Warmup   time.Duration `json:"warmup,omitempty"`
	// Timeout is the clients' timeout: a request without an answer after
	// it fails for the client, which moves on (the services keep working
	// on it). 0: the clients wait as long as it takes.
	Timeout time.Duration `json:"timeout,omitempty"`
	// BurstOn and BurstOff are the phases of the bursty arrival process
	// (DefaultBurstOn and DefaultBurstOff without a burst block).
	BurstOn  time.Duration `json:"burst_on,omitempty"`
	BurstOff time.Duration `json:"burst_off,omitempty"`
	// Users makes the load closed (0: open, at Profile's rate): that
	// many users each send a request, wait for its answer (or for
	// Timeout), think for a ThinkTime draw, and send the next, from a
	// think time after the start. The rate follows from the users, the
	// think time and the latencies.
	Users     int       `json:"users,omitempty"`
	ThinkTime Dist      `json:"think_time,omitzero"`
	DeclRange hcl.Range `json:"-"`
}

// Closed reports whether the load is closed (users and think time)
// rather than open (a rate).
func (l *Load) Closed() bool { return l.Users > 0 }

// Ref names a service, or one endpoint of it.
type Ref struct {
	Service  string    `json:"service"`
	Endpoint string    `json:"endpoint,omitempty"`
	Range    hcl.Range `json:"-"`
}
