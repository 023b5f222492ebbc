package planner

import (
	"fmt"
	"strings"
)

// Plan is what it takes to turn the observed state into the desired one.
type Plan struct {
	Project string
	Backend string
	// Changes has one entry per address, desired or observed, no-ops
	// included, sorted by address.
	Changes []*Change
	// Steps is the DAG the executor walks, in a topological order; a step
	// may start once every step in its After has finished.
	Steps []*Step
	// Drift lists what was changed outside berth.
	Drift []*Drift
	// ObservedFingerprint is the hash of the snapshot the plan was made
	// against; Observed holds the fingerprint of each resource in it.
	ObservedFingerprint string
	Observed            map[string]string
}

// Change is the plan for one resource.
type Change struct {
	Address
	Group  string
	Index  int
	Action Action
	// Before is what the engine runs (nil for a create); After is the
	// desired resource (nil for a delete) and AfterHash its config hash.
	Before    *ObservedResource
	After     *Resource
	AfterHash string
	Reasons   []Reason
	// Hidden lists the attribute paths whose values every view of the
	// plan shows as a hash, on both sides (see hidden.go); beforeHashed
	// and afterHashed say Before and After hold the hashes already (a plan
	// file; After until JSONPlan.PlanWith puts the real values back).
	Hidden                    []string
	beforeHashed, afterHashed bool
	// CreateBeforeDestroy orders a replacement create first.
	CreateBeforeDestroy bool
}

// Step is one primitive operation of the DAG.
type Step struct {
	ID     int // 1-based, in topological order
	Op     Op
	Change *Change
	After  []int // ids of the steps that must finish first, ascending
}

// Address returns the address of the step's resource.
func (s *Step) Address() Address { return s.Change.Address }

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Steps) == 0 }

// Counts returns how many resources are added, changed and destroyed, the
// way terraform counts: a replacement adds one and destroys one.
func (p *Plan) Counts() (add, change, destroy int) {
	for _, c := range p.Changes {
		switch c.Action {
		case Create:
			add++
		case Update:
			change++
		case Delete:
			destroy++
		case Replace:
			add++
			destroy++
		}
	}
	return
}

// String is the canonical text of the plan: each change with its reasons,
// then the steps with their dependencies. Tests assert against it.
func (p *Plan) String() string {
	var b strings.Builder
	for _, c := range p.Changes {
		if c.Action == NoOp {
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", c.Address, c.Action)
		for _, r := range c.Reasons {
			fmt.Fprintf(&b, "  %s\n", r)
		}
	}
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "#%d %s %s", s.ID, s.Op, s.Address())
		if len(s.After) > 0 {
			ids := make([]string, len(s.After))
			for i, id := range s.After {
				ids[i] = fmt.Sprintf("#%d", id)
			}
			fmt.Fprintf(&b, " after %s", strings.Join(ids, " "))
		}
		b.WriteString("\n")
	}
	return b.String()
}
