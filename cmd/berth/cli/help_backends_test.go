package cli

import (
	"strings"
	"testing"
)

// TestDeployHelpNamesBothBackends: the commands that act on the engine
// say what they do on swarm as well as on compose (their help spoke of
// containers only), and show the --backend swarm form.
func TestDeployHelpNamesBothBackends(t *testing.T) {
	root := newRootCmd()
	for _, name := range []string{"plan", "apply", "status", "destroy"} {
		cmd, _, err := root.Find([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		long := strings.ToLower(cmd.Long)
		for _, want := range []string{"compose", "swarm", "container", "service"} {
			if !strings.Contains(long, want) {
				t.Errorf("berth %s --help: the Long text does not mention %q", name, want)
			}
		}
		if !strings.Contains(cmd.Example, "--backend swarm") {
			t.Errorf("berth %s --help: no Example with --backend swarm", name)
		}
		if strings.Count(cmd.Long, "\n") > 45 {
			t.Errorf("berth %s --help: the Long text has %d lines; keep it short", name, strings.Count(cmd.Long, "\n"))
		}
	}
}
