package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

func newApplyCmd() *cobra.Command {
	var df deployFlags
	var af applyFlags
	cmd := &cobra.Command{
		Use:   "apply [PLAN.json | DIR]",
		Short: "Make the engine run the spec: create, update and remove, in dependency order",
		Long: `With a directory (the working directory by default), apply plans like
'berth plan', shows the plan and asks for 'yes' before doing anything,
unless --auto-approve is given.

With a plan file written by 'berth plan -out FILE', it performs exactly
that plan, after checking that the engine still holds what the plan was
made against (its observed_fingerprint). A plan gone stale is refused,
naming what changed, and nothing is done.

A plan file records the values of the non-sensitive variables it was made
with, and apply uses them: a -var or -var-file value that differs is
refused. It never holds a value derived from a sensitive variable, only
its hash. When the plan needs such values, apply reads the spec again
from the plan's spec_dir (or --spec-dir, when the checkout moved since
berth plan, as between two CI jobs) with the sensitive variables given to
it (-var, -var-file, BERTH_VAR_name: the same as plan had) and checks each
value against the plan's hash; a value missing or different is refused
before any change, naming the resource and the key.

The steps run in dependency order (networks, volumes and secrets before
the containers or swarm services that use them; callees before callers;
the users of a resource removed before it), independent steps in
parallel. apply then waits until every container it made is running, or
healthy when it has a health check (compose), or every service it changed
has its tasks running and its update completed (swarm: a rollback fails
the apply), with one line per service on a terminal and plain lines
otherwise, and ends with a summary.

A failure stops apply from starting more steps; it reports what was done,
what failed and what never started, and exits 1. Running apply again
converges from what exists. Ctrl-C does the same: the steps in flight
finish, no new one starts.

Only one apply or destroy runs on a project at a time: a second one is
refused, naming the holder of the lock (pid, host, time, command). A lock
left by a process that no longer runs on this host is taken over
automatically. --force-unlock takes the lock even from a holder berth
cannot tell is gone: a live pid, or a process on another host.`,
		Example: `  berth apply examples/shop
  berth apply --auto-approve --emulate examples/shop
  berth apply --backend swarm examples/shop   # DOCKER_HOST names a swarm manager
  berth plan -out plan.json examples/shop && berth apply plan.json
  BERTH_VAR_jwt_key=... berth apply plan.json   # a plan with a sensitive variable: the same value as at plan time
  berth apply --spec-dir examples/shop plan.json   # the plan's spec, checked out somewhere else since
  berth apply --pull missing infra/   # pull the images the engine lacks first (an imported Compose project)`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := af.check(cmd); err != nil {
				return err
			}
			if af.pull != backends.PullNever && af.pull != backends.PullMissing {
				return fmt.Errorf("unknown --pull %q: use never or missing", af.pull)
			}
			ctx, stop := interruptible(cmd)
			defer stop()
			target := specDir(args)
			st, err := os.Stat(target)
			if err == nil && !st.IsDir() {
				if strings.HasSuffix(target, specSuffix) {
					// A spec file for its directory, not a plan that
					// does not parse ("not a berth plan: invalid
					// character '#'").
					return checkSpecDir(target)
				}
				if err := planFileModeFlags(cmd, target, &df); err != nil {
					return err
				}
				return applyPlanFile(ctx, cmd, target, &df.specFlags, &af)
			}
			if af.specDir != "" {
				return fmt.Errorf("--spec-dir goes with a plan file (berth apply --spec-dir DIR plan.json); to apply a spec directory, name it: berth apply %s", af.specDir)
			}
			if err != nil && strings.HasSuffix(target, ".json") {
				return fmt.Errorf("no plan file %s (%v): give a plan written by berth plan -out FILE, or a spec directory", target, errors.Unwrap(err))
			}
			return applyDir(ctx, cmd, target, &df, &af)
		},
	}
	df.register(cmd.Flags(), true)
	af.register(cmd.Flags())
	cmd.Flags().DurationVar(&af.wait, "wait", backends.DefaultWait, "how long to wait for the containers (on swarm: the services' tasks) to be running or healthy")
	cmd.Flags().StringVar(&af.specDir, "spec-dir", "", "with a plan file: the directory its spec is in now, when it moved since berth plan (another checkout in CI)")
	cmd.Flags().StringVar(&af.pull, "pull", backends.PullNever, "images the engine lacks: never (refuse) or missing (pull them first, as docker compose up --pull missing); swarm nodes pull on their own")
	return singleDashFlags(cmd)
}

// applyFlags are the flags apply and destroy share.
type applyFlags struct {
	autoApprove bool
	forceUnlock bool
	parallelism int
	wait        time.Duration // apply only
	pull        string        // apply only
	specDir     string        // apply of a plan file only
}

func (f *applyFlags) register(fs interface {
	BoolVar(*bool, string, bool, string)
	IntVar(*int, string, int, string)
	DurationVar(*time.Duration, string, time.Duration, string)
}) {
	fs.BoolVar(&f.autoApprove, "auto-approve", false, "do not ask for confirmation")
	fs.BoolVar(&f.forceUnlock, "force-unlock", false, "take the project's lock even from a live holder or one on another host")
	fs.IntVar(&f.parallelism, "parallelism", backends.DefaultParallelism, "steps run at once")
}

// interruptible returns a context cancelled by SIGINT or SIGTERM, and
// says so when it is: the executor then finishes the steps in flight and
// starts no new one. A second interrupt exits at once.
func interruptible(cmd *cobra.Command) (context.Context, func()) {
	base := cmd.Context()
	if base == nil {
		base = context.Background()
	}
	ctx, cancel := context.WithCancel(base)
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case _, ok := <-sig:
			if !ok {
				return // the command ended: stop closed the channel
			}
			fmt.Fprintln(cmd.ErrOrStderr(), "\nInterrupt received: finishing the steps in flight, starting no new one (interrupt again to exit at once)...")
			cancel()
		case <-ctx.Done():
			return
		}
		if _, ok := <-sig; ok {
			fmt.Fprintln(cmd.ErrOrStderr(), "Second interrupt: exiting now. Steps in flight may be half done; berth plan shows what exists.")
			releaseHeldLocks()
			exitNow(ExitError)
		}
	}()
	return ctx, func() { cancel(); signal.Stop(sig); close(sig) }
}

func applyDir(ctx context.Context, cmd *cobra.Command, dir string, df *deployFlags, af *applyFlags) error {
	spec, err := loadSpec(cmd, dir, &df.specFlags)
	if err != nil {
		return err
	}
	be, err := openBackend(ctx, df.backendName(spec))
	if err != nil {
		return err
	}
	defer be.Close()
	release, err := lockProject(cmd, spec.Project, af.forceUnlock)
	if err != nil {
		return err
	}
	defer release()
	pl, err := makePlan(ctx, cmd, be, spec, dir, df.emulate)
	if err != nil {
		return interruptedBeforeChanges(ctx, err)
	}
	return confirmAndApply(ctx, cmd, be, pl.plan, pl.json, pl.desired.Contents, af, "apply")
}

// confirmAndApply shows the plan, asks unless auto-approved, applies it
// and reports.
func confirmAndApply(ctx context.Context, cmd *cobra.Command, be backends.Backend, p *planner.Plan, jp *planner.JSONPlan, contents map[planner.Address][]byte, af *applyFlags, verb string) error {
	out := cmd.OutOrStdout()
	planner.Render(out, jp, renderOptions(cmd))
	if p.Empty() {
		return nil
	}
	if !af.autoApprove {
		ok, err := confirm(cmd.InOrStdin(), out, verb)
		if err != nil {
			return err
		}
		if !ok {
			return &exitError{code: ExitError, err: fmt.Errorf("%s cancelled", verb)}
		}
	}
	return runApply(ctx, cmd, be, p, contents, af, verb)
}

// confirm asks terraform's question; only "yes" approves.
func confirm(in io.Reader, out io.Writer, verb string) (bool, error) {
	fmt.Fprintf(out, "\nDo you want to perform these actions?\n  berth will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ")
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(out)
		return false, fmt.Errorf("no answer on standard input: run with --auto-approve to %s without asking", verb)
	}
	fmt.Fprintln(out)
	return strings.TrimSpace(line) == "yes", nil
}

// lockProject takes the project's lock, saying so when it took over a
// stale one.
func lockProject(cmd *cobra.Command, project string, force bool) (func() error, error) {
	release, took, err := backends.Lock(project, force, backends.CommandLine())
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	if took != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "Took over the lock of project %q held by %s.\n", project, took)
	}
	return holdLock(release), nil
}

// runApply executes p and reports the result.
func runApply(ctx context.Context, cmd *cobra.Command, be backends.Backend, p *planner.Plan, contents map[planner.Address][]byte, af *applyFlags, verb string) error {
	out := cmd.OutOrStdout()
	prog := backends.NewProgress(out, isTerminal(out))
	fmt.Fprintln(out)
	res, err := be.Apply(ctx, p, backends.ApplyOptions{Contents: contents, Progress: prog, Parallelism: af.parallelism, Wait: af.wait, Pull: af.pull})
	prog.Close()
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	return reportResult(cmd, res, verb)
}

// interruptedBeforeChanges says, of an error met while planning after an
// interrupt (the emulator image build or the engine's answer cut short:
// "context canceled"), that apply stopped before changing anything.
func interruptedBeforeChanges(ctx context.Context, err error) error {
	if ctx.Err() == nil {
		return err
	}
	return &exitError{code: ExitError, err: fmt.Errorf("interrupted while planning (%v): nothing was changed", err)}
}
