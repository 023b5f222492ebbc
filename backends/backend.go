package backends

import (
	"context"
	"time"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// Backend is what the CLI drives: one orchestrator on one engine. A backend
// observes and executes; the planner decides.
type Backend interface {
	// Name is "compose" or "swarm".
	Name() string
	// Target returns the planner target that compiles specs for this
	// backend. It may prepare what the target names but the project does
	// not own (the emulator image), never the project's resources.
	Target(ctx context.Context, opts TargetOptions) (planner.Target, error)
	// Observe takes one snapshot of everything the project owns.
	Observe(ctx context.Context, project string) (*planner.Observed, error)
	// Apply executes p's steps (see Execute). When ctx is cancelled it
	// starts no new step, lets the ones in flight finish and returns what
	// was done.
	Apply(ctx context.Context, p *planner.Plan, opts ApplyOptions) (*Result, error)
	// Close releases the engine connection.
	Close() error
}

// TargetOptions are the choices of the plan command.
type TargetOptions struct {
	// Emulate runs every service under berth's emulator (apply --emulate).
	Emulate bool
	// NeedEmulator is set when some service is emulated, so the backend
	// must name (and may build) the emulator image.
	NeedEmulator bool
	// Registry is berth.registry: the swarm backend runs the emulator
	// image from there (pushed by Apply). The compose backend ignores it.
	Registry string
}

// NeedsEmulator reports whether any service of spec runs under the
// emulator.
func NeedsEmulator(spec *lang.Spec, emulate bool) bool {
	if emulate {
		return len(spec.Services) > 0
	}
	for _, s := range spec.Services {
		if s.Emulated() {
			return true
		}
	}
	return false
}

// ApplyOptions are the inputs of Apply besides the plan.
type ApplyOptions struct {
	// Contents of secrets and configs by address, from the Desired the
	// plan was made with; when nil, the backend reads each from its
	// Source and checks its hash.
	Contents map[planner.Address][]byte
	// Progress receives events; nil prints nothing.
	Progress *Progress
	// Parallelism caps the steps in flight; 0 means DefaultParallelism.
	Parallelism int
	// Wait is how long to wait for containers to be running or healthy
	// after the steps; 0 means DefaultWait.
	Wait time.Duration
	// Pull is what the compose backend does with an image the engine
	// lacks: PullNever ("" too) refuses the apply, PullMissing pulls it.
	// Swarm nodes pull what they lack themselves.
	Pull string
}

// Pull policies, as `docker compose up --pull` names them.
const (
	PullNever   = "never"
	PullMissing = "missing"
)

// Defaults of ApplyOptions.
const (
	DefaultParallelism = 16
	DefaultWait        = 3 * time.Minute
)

// Result is what Apply did.
type Result struct {
	Done       []*planner.Step
	Failed     []*StepError
	NotStarted []*planner.Step
	// Interrupted: the context was cancelled before every step started.
	Interrupted bool
	// Unready lists resources that were made but did not become running or
	// healthy in time, with why.
	Unready []*StepError
	Elapsed time.Duration
}

// OK reports whether every step was done and everything is ready.
func (r *Result) OK() bool {
	return len(r.Failed) == 0 && len(r.NotStarted) == 0 && !r.Interrupted && len(r.Unready) == 0
}

// MadeError is the error of a step whose change was made but did not
// become ready (a swarm service created or updated that did not
// converge): the step failed, and its change counts as done.
type MadeError struct{ Err error }

func (e *MadeError) Error() string { return e.Err.Error() }
func (e *MadeError) Unwrap() error { return e.Err }

// StepError is a step that failed.
type StepError struct {
	Step *planner.Step
	Err  error
}

func (e *StepError) Error() string {
	return string(e.Step.Op) + " " + e.Step.Address().String() + ": " + e.Err.Error()
}
