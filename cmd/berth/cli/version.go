package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../cli.Version=v1.2.3".
var Version = "dev"

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print berth's version",
		Long: `Prints "berth VERSION": the version set when the binary was built
(make build stamps it), else the module version go install recorded,
else "dev" for a build from a work tree.`,
		Example: "  berth version",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(cmd.OutOrStdout(), "berth %s\n", versionString())
			return nil
		},
	}
}

// versionString is berth's version: Version when set at build time, else
// the module version go install recorded, else "dev". berth version and
// berth --version print it.
func versionString() string {
	v := Version
	if bi, ok := debug.ReadBuildInfo(); ok && v == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return v
}
