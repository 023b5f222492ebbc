package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// terraformStyle rewrites single-dash long flags ("-out=plan.json",
// "-detailed-exitcode", "-var", "-check") into the double-dash form pflag
// parses, so berth accepts the flags the way terraform users type them.
// Only names that are long flags of the command being run are rewritten;
// single-letter shorthands ("-o") and everything after "--" are left alone.
func terraformStyle(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		return args
	}
	cmd.InitDefaultHelpFlag() // cobra adds --help only when it runs: -help is one too
	cmd.InitDefaultVersionFlag()
	long := map[string]bool{}
	collect := func(fs *pflag.FlagSet) {
		fs.VisitAll(func(f *pflag.Flag) { long[f.Name] = true })
	}
	collect(cmd.Flags())
	collect(cmd.InheritedFlags())
	out := make([]string, len(args))
	copy(out, args)
	for i, a := range out {
		if a == "--" {
			break
		}
		if len(a) < 3 || a[0] != '-' || a[1] == '-' {
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		if len(name) > 1 && (long[name] || cmd.Flags().Lookup(name) != nil) { // Lookup: a name normalized to a flag's (-out)
			out[i] = "-" + a
		}
	}
	return out
}
