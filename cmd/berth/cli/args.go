package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Checks of the number of positional arguments. cobra's own say only
// "accepts at most 1 arg(s), received 2": not which command, what it
// takes, nor which arguments it got. The usual cause is a flag's value
// without its flag (berth simulate examples/shop orders-replica-loss),
// so the error names the arguments and the command's usage.

// maxArgs is cobra.MaximumNArgs(n) with that error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) <= n {
			return nil
		}
		return argsError(cmd, args, "at most "+countArgs(n), " (a flag's value without its flag?)")
	}
}

// noArgs is cobra.NoArgs with that error (cobra's said 'unknown command
// "x" for "berth version"', as if x were meant for a subcommand).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return argsError(cmd, args, "no arguments", " (a flag's value without its flag?)")
}

// exactArgs is cobra.ExactArgs(n) with that error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == n {
			return nil
		}
		return argsError(cmd, args, countArgs(n), "")
	}
}

// minArgs is cobra.MinimumNArgs(n) with that error.
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) >= n {
			return nil
		}
		return argsError(cmd, args, "at least "+countArgs(n), "")
	}
}

func argsError(cmd *cobra.Command, args []string, want, hint string) error {
	got := "none"
	if len(args) > 0 {
		got = fmt.Sprintf("%d: %s", len(args), quoteArgs(args))
	}
	return fmt.Errorf("%s takes %s, got %s%s. Usage: %s", cmd.CommandPath(), want, got, hint, cmd.UseLine())
}

func countArgs(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return fmt.Sprintf("%d arguments", n)
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, " ")
}
