package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/simulate/loadgen"
)

// loadInterruptible returns a context that the first SIGINT or SIGTERM
// cancels, saying on stderr what happens next: the load stops, the
// answers in flight are awaited (each at most drain) and what was measured
// is reported. A second one exits at once. stop ends the watch.
func loadInterruptible(cmd *cobra.Command, drain time.Duration) (context.Context, func()) {
	return announcedInterrupt(cmd, fmt.Sprintf("stopping the load, waiting for the answers in flight (at most %s) and reporting what was measured", drain), "without a report")
}

// announcedInterrupt returns a context that the first SIGINT or SIGTERM
// cancels, printing "Interrupt received: " and next on stderr; a second
// one prints that it exits now and what it leaves (left), releases the
// project locks held and exits 1. stop ends the watch.
func announcedInterrupt(cmd *cobra.Command, next, left string) (context.Context, func()) {
	base := cmd.Context()
	if base == nil {
		base = context.Background()
	}
	ctx, cancel := context.WithCancel(base)
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
		case <-done:
			return
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "\nInterrupt received: %s (interrupt again to exit at once)...\n", next)
		cancel()
		select {
		case <-sig:
			fmt.Fprintf(cmd.ErrOrStderr(), "Second interrupt: exiting now, %s.\n", left)
			releaseHeldLocks()
			exitNow(ExitError)
		case <-done:
		}
	}()
	return ctx, func() { signal.Stop(sig); close(done); cancel() }
}

// drainBound is the longest a request of the test can wait for its
// answer: --timeout, else the load's timeout, else the default.
func (lr *loadRun) drainBound() time.Duration {
	switch {
	case lr.opts.Timeout > 0:
		return lr.opts.Timeout
	case lr.load.Timeout > 0:
		return lr.load.Timeout
	}
	return loadgen.DefaultTimeout
}

// interruptedResult says, after the report of a test an interrupt cut
// short, that it is partial, and returns the error that exits 1.
func interruptedResult(cmd *cobra.Command, r *loadgen.Result) error {
	fmt.Fprintf(cmd.ErrOrStderr(), "\nInterrupted: the load ran %s of %s; the measurement above covers only that part.\n",
		loadSeconds(r.Duration), loadSeconds(r.Planned))
	return exitCode(ExitError)
}
