package cli

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/loadgen"
)

// loadFlags are the flags of loadtest and compare.
type loadFlags struct {
	specFlags
	load        string
	scenario    string
	target      string
	duration    time.Duration
	rateScale   float64
	maxRequests int64
	timeout     time.Duration
	maxInFlight int
	wait        time.Duration
	seed        uint64
	json        bool
}

func (f *loadFlags) register(fs *pflag.FlagSet) {
	f.specFlags.register(fs)
	fs.StringVar(&f.load, "load", "", "the load to send (default: the spec's only load)")
	fs.StringVar(&f.scenario, "scenario", "", "a scenario without faults: send its load and check its expect block")
	fs.StringVar(&f.target, "target", "", "base URL of the entry, on 127.0.0.1 (default: its published port)")
	durationVar(fs, &f.duration, "duration", "how long to send (default: the load's duration)")
	fs.Float64Var(&f.rateScale, "rate-scale", 1, "multiply every rate of the load by this")
	fs.Int64Var(&f.maxRequests, "max-requests", 0, "stop after this many requests (0: no limit)")
	fs.DurationVar(&f.timeout, "timeout", 0, fmt.Sprintf("per-request timeout (default: the load's timeout, else %v)", loadgen.DefaultTimeout))
	fs.IntVar(&f.maxInFlight, "max-in-flight", loadgen.DefaultMaxInFlight, "cap on requests awaiting an answer; arrivals beyond it are dropped and counted")
	fs.DurationVar(&f.wait, "wait", 10*time.Second, "how long to wait for the target to answer before sending")
	fs.Uint64Var(&f.seed, "seed", 1, "seed of the arrival times and endpoint choices")
	fs.BoolVar(&f.json, "json", false, "print the result as JSON")
}

// loadRun is a load test ready to run: the spec, the load, the cases whose
// expectations apply and the generator's options.
type loadRun struct {
	spec  *lang.Spec
	load  *lang.Load
	cases []simulate.Case
	opts  loadgen.Options
}

// prepareLoad loads the spec and picks the load, its cases and target.
func prepareLoad(cmd *cobra.Command, dir string, f *loadFlags) (*loadRun, error) {
	if err := errors.Join(f.check(cmd), checkDurationFlag(cmd, f.duration)); err != nil {
		return nil, err
	}
	spec, err := loadSpec(cmd, dir, &f.specFlags)
	if err != nil {
		return nil, err
	}
	ld, cases, err := loadgen.PickLoad(spec, f.load, f.scenario)
	if err != nil {
		return nil, err
	}
	if !(f.rateScale > 0) || math.IsInf(f.rateScale, 1) {
		return nil, fmt.Errorf("--rate-scale %v: must be a number more than 0", f.rateScale)
	}
	u, err := loadgen.DefaultTarget(spec, ld)
	if f.target != "" {
		u, err = loadgen.CheckTarget(f.target)
	}
	if err != nil {
		return nil, err
	}
	eps, err := loadgen.EntryEndpoints(spec, ld)
	if err != nil {
		return nil, err
	}
	return &loadRun{spec: spec, load: ld, cases: cases, opts: loadgen.Options{
		Target: u, Load: ld, Endpoints: eps, Duration: f.duration, RateScale: f.rateScale,
		MaxRequests: f.maxRequests, Timeout: f.timeout, MaxInFlight: f.maxInFlight, Seed: f.seed, Services: true,
	}}, nil
}

// check rejects flag values out of range before anything is loaded or
// sent (the generator would replace them by its defaults silently).
func (f *loadFlags) check(cmd *cobra.Command) error {
	switch {
	case f.maxInFlight < 1:
		return fmt.Errorf("--max-in-flight %d: must be at least 1", f.maxInFlight)
	case f.maxRequests < 0:
		return fmt.Errorf("--max-requests %d: must be 0 (no limit) or more", f.maxRequests)
	case f.timeout < 0 || f.timeout == 0 && cmd.Flags().Changed("timeout"):
		// 0 was taken for the default, where --duration 0 is refused
		return fmt.Errorf("--timeout %s: must be more than 0 (leave it out for the load's timeout, else %v)", f.timeout, loadgen.DefaultTimeout)
	case f.wait < 0:
		return fmt.Errorf("--wait %s: must be 0 (one try) or more", f.wait)
	}
	return nil
}
