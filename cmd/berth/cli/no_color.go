package cli

import "os"

// noColorFlag is terraform's -no-color, which berth takes on every
// command (with one dash or two) as NO_COLOR=1: a terraform user's
// 'berth plan -no-color' said 'unknown flag: -no-color'. berth colors
// only a terminal, so in CI it changes nothing.
const noColorFlag = "no-color"

// withoutNoColor returns args without -no-color and --no-color (up to
// "--"), and whether there was one.
func withoutNoColor(args []string) ([]string, bool) {
	out := make([]string, 0, len(args))
	found := false
	for i, a := range args {
		if a == "--" {
			out = append(out, args[i:]...)
			break
		}
		if a == "-"+noColorFlag || a == "--"+noColorFlag {
			found = true
			continue
		}
		out = append(out, a)
	}
	return out, found
}

// applyNoColor sets NO_COLOR for the run of a command given -no-color,
// and returns what restores the environment.
func applyNoColor(found bool) func() {
	if !found || os.Getenv("NO_COLOR") != "" {
		return func() {}
	}
	os.Setenv("NO_COLOR", "1")
	return func() { os.Unsetenv("NO_COLOR") }
}
