package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Fault kinds of a scenario.
const (
	FaultKill      = "kill"      // replicas crash; calls are refused at once; restart/reschedule after restart.delay
	FaultHang      = "hang"      // replicas accept calls and never answer until the health check removes them
	FaultSlow      = "slow"      // extra latency on the service's local work for a period
	FaultNodeDown  = "node_down" // a node's replicas are gone until swarm reschedules them
	FaultPartition = "partition" // calls between two services time out
	FaultError     = "error"     // replicas answer a share of their requests with an error (500) at once
)

// Scenario is a `scenario "name" {}` block: a load, faults and expectations.
type Scenario struct {
	Name string `json:"name"`
	Load string `json:"load"` // a load name
	// Backend overrides the project backend for failover semantics.
	Backend   string    `json:"backend,omitempty"`
	Faults    []*Fault  `json:"faults,omitempty"`
	Expect    *Expect   `json:"expect,omitempty"`
	DeclRange hcl.Range `json:"-"`
}

// Fault is a `fault "kind" {}` block.
type Fault struct {
	Kind    string `json:"kind"`
	Service string `json:"service,omitempty"` // kill, hang, slow, error; partition: one side
	Peer    string `json:"peer,omitempty"`    // partition: the other side
	// Replicas is how many replicas the fault hits: kill, hang and slow
	// default to 1; error defaults to 0, every replica of the service.
	Replicas int           `json:"replicas,omitempty"`
	Node     int           `json:"node,omitempty"` // node_down: 1-based node index
	At       time.Duration `json:"at"`
	// Duration of the fault; 0 = until the end (or until failover). A kill
	// has none: the restart policy brings its replicas back.
	Duration time.Duration `json:"duration,omitempty"`
	// Delay is the extra latency of a slow fault.
	Delay Dist `json:"delay"`
	// Probability is the share of an error fault's requests that fail
	// (default 1: all of them).
	Probability float64   `json:"probability,omitempty"`
	AtRange     hcl.Range `json:"-"` // the range of at, for warnings
	// ReplicasRange is the range of replicas when it is written.
	ReplicasRange hcl.Range `json:"-"`
	DeclRange     hcl.Range `json:"-"`
}

// Expect is an `expect {}` block; also the body of an `slo` block. A bound
// is checked when it is written, whatever its value (Has).
type Expect struct {
	Mean         time.Duration `json:"mean,omitempty"`
	P50          time.Duration `json:"p50,omitempty"`
	P90          time.Duration `json:"p90,omitempty"`
	P99          time.Duration `json:"p99,omitempty"`
	P999         time.Duration `json:"p999,omitempty"`
	ErrorRate    *float64      `json:"error_rate,omitempty"`
	DegradedRate *float64      `json:"degraded_rate,omitempty"`
	// Throughput is a floor in completed requests/s.
	Throughput float64 `json:"throughput,omitempty"`
	// Attribute ranges, keyed by attribute name, so a failed verdict points
	// at the line that set the bound. They also record which bounds are
	// written: a written 0 is a bound too.
	Ranges    map[string]hcl.Range `json:"-"`
	DeclRange hcl.Range            `json:"-"`
}

// Has reports whether the bound attr ("p99", "error_rate", "throughput",
// ...) is checked: written in the block, whatever its value, or, in an
// Expect built in code without ranges, set to a value other than zero.
func (e *Expect) Has(attr string) bool {
	if _, ok := e.Ranges[attr]; ok {
		return true
	}
	switch attr {
	case "mean":
		return e.Mean != 0
	case "p50":
		return e.P50 != 0
	case "p90":
		return e.P90 != 0
	case "p99":
		return e.P99 != 0
	case "p999":
		return e.P999 != 0
	case "error_rate":
		return e.ErrorRate != nil
	case "degraded_rate":
		return e.DegradedRate != nil
	case "throughput":
		return e.Throughput != 0
	}
	return false
}

// SLO is an `slo "name" {}` block: expectations on one service (or the
// entry, when Service is empty) that hold for every load and scenario.
type SLO struct {
	Name      string    `json:"name"`
	Service   string    `json:"service,omitempty"`
	Endpoint  string    `json:"endpoint,omitempty"`
	Expect    Expect    `json:"expect"`
	DeclRange hcl.Range `json:"-"`
}
