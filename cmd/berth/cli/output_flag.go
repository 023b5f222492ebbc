package cli

import "github.com/spf13/pflag"

// outputVar defines the output-file flag of plan, export compose and
// import with one spelling, -o/--output FILE (docker's, and what --help
// shows), and takes --out for it too: terraform's plan -out FILE, which
// plan's -o had stood for while export and import's -o was --output.
func outputVar(fs *pflag.FlagSet, p *string, usage string) {
	fs.StringVarP(p, "output", "o", "", usage)
	next := fs.GetNormalizeFunc()
	fs.SetNormalizeFunc(func(fs *pflag.FlagSet, name string) pflag.NormalizedName {
		if name == "out" {
			name = "output"
		}
		return next(fs, name)
	})
}
