package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/berth-dev/berth/internal/hugeheap"
	"github.com/berth-dev/berth/lang"
)

// specFlags are the flags of every command that loads a spec.
type specFlags struct {
	vars     []string
	varFiles []string
}

func (f *specFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.vars, "var", nil, "set a variable: -var 'name=value' (repeatable)")
	fs.StringArrayVar(&f.varFiles, "var-file", nil, "read variables from an HCL file of name = value lines (repeatable)")
}

func (f *specFlags) options() (lang.Options, error) {
	opts := lang.Options{Vars: map[string]string{}, VarFiles: f.varFiles}
	for _, kv := range f.vars {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return opts, fmt.Errorf("invalid -var %q: write it as -var 'name=value'", kv)
		}
		opts.Vars[strings.TrimSpace(name)] = value
	}
	return opts, nil
}

// given names the variables set from outside the spec by -var or
// BERTH_VAR_NAME, with where from (a -var wins over the environment).
func (f *specFlags) given() map[string]string {
	out := map[string]string{}
	for _, kv := range os.Environ() {
		if name, _, ok := strings.Cut(strings.TrimPrefix(kv, lang.EnvVarPrefix), "="); ok && strings.HasPrefix(kv, lang.EnvVarPrefix) {
			out[name] = lang.EnvVarPrefix + name
		}
	}
	for _, kv := range f.vars {
		if name, _, ok := strings.Cut(kv, "="); ok {
			out[strings.TrimSpace(name)] = "-var " + strings.TrimSpace(kv)
		}
	}
	return out
}

// specDir returns the spec directory from the positional args: the first
// one, or the working directory.
func specDir(args []string) string {
	if len(args) > 0 && args[0] != "" {
		return args[0]
	}
	return "."
}

// loadSpec loads the spec in dir and prints its diagnostics (warnings
// included) to stderr. It returns an error, already reported, when the spec
// has errors.
func loadSpec(cmd *cobra.Command, dir string, f *specFlags) (*lang.Spec, error) {
	spec, _, diags, err := loadSpecDiags(dir, f)
	if err != nil {
		return nil, err
	}
	return spec, reportDiags(cmd, diags)
}

// loadSpecDiags loads the spec in dir and returns it with its loader and
// diagnostics, printing nothing.
func loadSpecDiags(dir string, f *specFlags) (*lang.Spec, *lang.Loader, hcl.Diagnostics, error) {
	if err := checkSpecDir(dir); err != nil {
		return nil, nil, nil, err
	}
	opts, err := f.options()
	if err != nil {
		return nil, nil, nil, err
	}
	hugeheap.ForSource(specSize(dir))
	l := lang.NewLoader()
	spec, diags := l.Load(dir, opts)
	diagFiles = l.Files()
	return spec, l, diags, nil
}

// specSize is the size in bytes of the spec files in dir (0 when they
// cannot be listed: the load then says why).
func specSize(dir string) int64 {
	files, _ := filepath.Glob(filepath.Join(dir, "*"+lang.SpecSuffix))
	var n int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			n += st.Size()
		}
	}
	return n
}

// checkSpecDir says what is wrong when dir is not a directory to read a
// spec from: missing, or a file (a spec file: then its directory is meant).
func checkSpecDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist: berth reads the *.berth.hcl files of a directory (by default the working directory)", dir)
	case err != nil:
		return fmt.Errorf("cannot read the spec directory: %w", err)
	case st.IsDir():
		return nil
	case strings.HasSuffix(dir, lang.SpecSuffix):
		return fmt.Errorf("%s is a file, not a directory: berth reads every *.berth.hcl file of a directory together; pass its directory, %s", dir, filepath.Dir(dir))
	}
	return fmt.Errorf("%s is not a directory: berth reads the *.berth.hcl files of a directory", dir)
}
