package cli

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/berth-dev/berth/lang"
)

// durationFlag is the --duration of simulate, whatif, diff, loadtest and
// compare: one syntax and one error for all five. It reads what a spec's
// durations read (90s, 5m, 1h30m, 1.5s, or a number of seconds);
// simulate took "90" while the others said 'time: missing unit in
// duration "90"'. A negative value is kept, for the command's own check
// to refuse with the flag's name.
type durationFlag struct {
	d   *time.Duration
	raw string
}

func (f *durationFlag) String() string { return f.raw }
func (f *durationFlag) Type() string   { return "duration" }

func (f *durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		if d, err = lang.ParseDuration(s); err != nil {
			return fmt.Errorf("write it as 90s, 5m or 1h30m (a number alone is seconds)")
		}
	}
	*f.d, f.raw = d, s
	return nil
}

// durationVar defines a --duration-like flag on fs that is 0 when unset.
func durationVar(fs *pflag.FlagSet, d *time.Duration, name, usage string) {
	fs.Var(&durationFlag{d: d}, name, usage)
}
