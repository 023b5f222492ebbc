package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// singleDashFlags lets a command take its long flags terraform-style with
// one dash (-out plan.json, -detailed-exitcode, -var x=1) as well as two.
// pflag alone would read -out as the shorthands -o -u -t.
func singleDashFlags(cmd *cobra.Command) *cobra.Command {
	run, validate := cmd.RunE, cmd.Args
	cmd.DisableFlagParsing = true
	cmd.Args = cobra.ArbitraryArgs // checked once the flags are parsed
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if err := c.Flags().Parse(doubleDashed(c.Flags(), args)); err != nil {
			return &exitError{code: ExitError, err: c.FlagErrorFunc()(c, err)}
		}
		if help, _ := c.Flags().GetBool("help"); help {
			return c.Help()
		}
		args = c.Flags().Args()
		if validate != nil {
			if err := validate(c, args); err != nil {
				return &exitError{code: ExitError, err: err}
			}
		}
		return run(c, args)
	}
	return cmd
}

// doubleDashed rewrites "-name[=value]" to "--name[=value]" for the long
// flags of fs, up to a "--".
func doubleDashed(fs *pflag.FlagSet, args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		if len(a) > 2 && a[0] == '-' && a[1] != '-' {
			name, _, _ := strings.Cut(a[1:], "=")
			if fs.Lookup(name) != nil {
				out[i] = "-" + a
			}
		}
	}
	return out
}
