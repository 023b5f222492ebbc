package cli

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
)

// Checks of numeric flags shared by the commands that simulate. A value
// out of range is an error naming the flag, never silently replaced by
// the default or ignored.

// maxReplications bounds --replications: a confidence interval narrows
// as 1/√n, so a thousand replications are already 30 times narrower than
// one, and more only multiply the run time.
const maxReplications = 1000

func checkReplications(n int) error {
	if n < 1 {
		return fmt.Errorf("--replications %d: must be at least 1", n)
	}
	if n > maxReplications {
		return fmt.Errorf("--replications %d: at most %d (the confidence intervals narrow as 1/√n; more replications only take longer)", n, maxReplications)
	}
	return nil
}

// checkDurationFlag rejects a --duration given as zero or less (unset, it
// is 0 and means the loads' own durations), with the one message of
// simulate, whatif, diff, loadtest and compare (loadtest and compare said
// '--duration -1s: must be more than 0', the others 'invalid --duration
// "-1s": it must be more than 0', and loadtest took 0).
func checkDurationFlag(cmd *cobra.Command, d time.Duration) error {
	if f := cmd.Flags().Lookup("duration"); f != nil && f.Changed && d <= 0 {
		return fmt.Errorf("--duration %s: must be more than 0, as 90s or 5m (leave it out for the loads' own durations)", f.Value.String())
	}
	return nil
}

func checkMemoryWeight(w float64) error {
	if w < 0 {
		return fmt.Errorf("--memory-weight must not be negative (it is the cost of one GiB of memory in CPUs)")
	}
	if math.IsNaN(w) || math.IsInf(w, 0) {
		return fmt.Errorf("--memory-weight %g is not a finite number (it is the cost of one GiB of memory in CPUs)", w)
	}
	return nil
}

// checkOutputFile rejects an output file (--report, --chart, plan's -out,
// export's -o) whose directory does not exist, or that is a directory,
// before a simulation that may take minutes, or a plan, runs for nothing
// (a directory failed at the end: 'open out: is a directory', or
// 'rename ./.out.4153626836 out: file exists').
func checkOutputFile(flag, path string) error {
	if path == "" || path == "-" {
		return nil
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s %s: the directory %s does not exist", flag, path, dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s %s is a directory: name the file to write, in it or elsewhere", flag, path)
	}
	return nil
}

// check rejects apply's and destroy's numeric flags out of range:
// --parallelism 0 or less ran the steps with the default, --wait 0 or
// less waited the default 3 minutes.
func (f *applyFlags) check(cmd *cobra.Command) error {
	if f.parallelism < 1 {
		return fmt.Errorf("--parallelism %d: must be at least 1 (the steps run at once)", f.parallelism)
	}
	if w := cmd.Flags().Lookup("wait"); w != nil && f.wait <= 0 {
		return fmt.Errorf("--wait %s: must be more than 0 (how long apply waits for the containers, or the swarm services' tasks, to be running or healthy)", w.Value.String())
	}
	return nil
}
