package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryCommandTeaches: every command a user can reach (subcommands
// too) says what it does (Long), shows an Example that runs berth, and
// refuses arguments it does not take.
func TestEveryCommandTeaches(t *testing.T) {
	skip := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			path := sub.CommandPath()
			if skip[path] {
				walk(sub)
				continue
			}
			if strings.TrimSpace(sub.Long) == "" {
				t.Errorf("%s: no Long help", path)
			}
			if !strings.Contains(sub.Example, "berth ") {
				t.Errorf("%s: no Example running berth", path)
			}
			if sub.Runnable() && sub.Args == nil {
				t.Errorf("%s: accepts any arguments (no Args check)", path)
			}
			if !sub.Runnable() && !sub.HasSubCommands() {
				t.Errorf("%s: neither runs nor has subcommands", path)
			}
			walk(sub)
		}
	}
	walk(newRootCmd())
}
