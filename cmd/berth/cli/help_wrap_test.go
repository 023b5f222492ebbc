package cli

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"
)

// helpWidth is the widest line of a command's Long help: --help prints it
// as written, and a line of 94 or 124 columns (destroy's, whatif's) ran
// past a terminal's 80 and wrapped mid-word.
const helpWidth = 80

// TestHelpTextWraps: every line of every command's Long help fits in
// helpWidth columns.
func TestHelpTextWraps(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, line := range strings.Split(c.Long, "\n") {
			if n := utf8.RuneCountInString(line); n > helpWidth {
				t.Errorf("%s --help: a line of %d columns (at most %d): %q", c.CommandPath(), n, helpWidth, line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd())
}
