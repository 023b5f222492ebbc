package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/berth-dev/berth/simulate/loadgen"
)

// Every loadtest and compare line of their helps' examples names a spec
// whose entry publishes a port on 127.0.0.1 (after the apply the example
// shows), and a --target, when given, is that port: nothing else would
// listen there.
func TestLoadHelpExamplesHaveATarget(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*cobra.Command{newLoadtestCmd(), newCompareCmd()} {
		ran := 0
		for _, line := range strings.Split(c.Example, "\n") {
			args := strings.Fields(line)
			if len(args) < 3 || args[0] != "berth" || args[1] != c.Name() {
				continue
			}
			ran++
			f := &loadFlags{}
			fs := pflag.NewFlagSet(c.Name(), pflag.ContinueOnError)
			f.register(fs)
			fs.String("hop-latency", "", "")
			fs.Float64("tolerance", 0, "")
			if err := fs.Parse(args[2:]); err != nil {
				t.Errorf("%s: %v", line, err)
				continue
			}
			var stderr bytes.Buffer
			cmd := &cobra.Command{}
			cmd.SetErr(&stderr)
			lr, err := prepareLoad(cmd, filepath.Join(root, fs.Arg(0)), f)
			if err != nil {
				t.Errorf("%s: %v %s", line, err, stderr.String())
				continue
			}
			def, err := loadgen.DefaultTarget(lr.spec, lr.load)
			if err != nil {
				t.Errorf("%s: %v", line, err)
			} else if def.String() != lr.opts.Target.String() {
				t.Errorf("%s: --target %s, but the spec publishes its entry at %s", line, lr.opts.Target, def)
			}
		}
		if ran < 2 {
			t.Errorf("berth %s --help: %d examples of it, want at least 2", c.Name(), ran)
		}
	}
}
