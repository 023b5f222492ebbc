package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestHelpExamplesParse: every berth command line in a command's Example
// (and the root's) names a command that exists, with flags it has and the
// arguments it accepts, as a user who copies it would run it. Nothing
// runs: the line is only parsed, the way Run parses it.
func TestHelpExamplesParse(t *testing.T) {
	var cmds []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		cmds = append(cmds, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd())
	lines := 0
	for _, c := range cmds {
		for _, line := range strings.Split(c.Example, "\n") {
			for _, args := range berthInvocations(line) {
				lines++
				if err := parseInvocation(args); err != nil {
					t.Errorf("%s --help: example %q: %v", c.CommandPath(), strings.TrimSpace(line), err)
				}
			}
		}
	}
	if lines < 30 {
		t.Fatalf("only %d berth invocations found in the Examples: the scan is broken", lines)
	}
}

// TestParseInvocation: the parse of TestHelpExamplesParse refuses what
// Run refuses, so a stale Example fails it.
func TestParseInvocation(t *testing.T) {
	for line, ok := range map[string]bool{
		`berth plan -out=plan.json -detailed-exitcode examples/shop`:          true,
		`BERTH_VAR_x=1 berth apply plan.json # a comment --nosuch`:            true,
		`berth simulate examples/shop --json | jq '.runs[] | {name}'`:         true,
		`berth destroy --wait 1s examples/shop`:                               false,
		`berth simulate a b`:                                                  false,
		`berth nosuch examples/shop`:                                          false,
		`berth plan examples/shop -out p.json && berth apply --nosuch p.json`: false,
	} {
		var err error
		for _, args := range berthInvocations(line) {
			if e := parseInvocation(args); e != nil {
				err = e
			}
		}
		if (err == nil) != ok {
			t.Errorf("%s: error %v, want ok=%v", line, err, ok)
		}
	}
}

// parseInvocation parses berth's arguments as Run would, without running.
func parseInvocation(args []string) error {
	root := newRootCmd()
	args = terraformStyle(root, args)
	cmd, rest, err := root.Find(args)
	if err != nil {
		return err
	}
	if cmd.DisableFlagParsing {
		// singleDashFlags: the command parses its flags when it runs,
		// and checks its arguments inside that run.
		return cmd.Flags().Parse(doubleDashed(cmd.Flags(), rest))
	}
	if err := cmd.ParseFlags(rest); err != nil {
		return err
	}
	if !cmd.Runnable() {
		return nil
	}
	return cmd.ValidateArgs(cmd.Flags().Args())
}

// berthInvocations returns the arguments of each berth command in a
// shell line: split at |, &&, || and ;, environment assignments before
// the command skipped, a redirection and what follows it dropped.
func berthInvocations(line string) [][]string {
	var out [][]string
	for _, seg := range shellSegments(line) {
		for len(seg) > 0 && strings.Contains(seg[0], "=") && !strings.HasPrefix(seg[0], "-") {
			seg = seg[1:]
		}
		if len(seg) == 0 || seg[0] != "berth" {
			continue
		}
		var args []string
		for _, w := range seg[1:] {
			if strings.HasPrefix(w, ">") || strings.HasPrefix(w, "<") || strings.HasPrefix(w, "2>") || strings.HasPrefix(w, "&>") {
				break
			}
			args = append(args, w)
		}
		out = append(out, args)
	}
	return out
}

// shellSegments splits a line into the words of its simple commands,
// honouring quotes and dropping a # comment.
func shellSegments(line string) [][]string {
	var segs [][]string
	var words []string
	var word strings.Builder
	inWord := false
	quote := rune(0)
	flushWord := func() {
		if inWord {
			words = append(words, word.String())
			word.Reset()
			inWord = false
		}
	}
	flushSeg := func() {
		flushWord()
		if len(words) > 0 {
			segs = append(segs, words)
		}
		words = nil
	}
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				word.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == '#' && !inWord:
			flushSeg()
			return segs
		case r == '|' || r == ';' || r == '&':
			flushSeg()
			if i+1 < len(rs) && (rs[i+1] == '|' || rs[i+1] == '&') {
				i++
			}
		case r == ' ' || r == '\t':
			flushWord()
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	flushSeg()
	return segs
}

// TestDocsCommandsParse: every berth command line in a code block of
// README.md, docs/*.md and the examples' READMEs ("berth ...",
// "$ berth ...", "./berth ...") parses as TestHelpExamplesParse parses an
// Example: a renamed flag or command fails here before a reader finds it.
func TestDocsCommandsParse(t *testing.T) {
	files := docFiles(t)
	commands := map[string]bool{}
	for _, c := range newRootCmd().Commands() {
		commands[c.Name()] = true
	}
	n := 0
	for _, f := range files {
		for _, l := range markdownLines(t, f) {
			if !l.code {
				continue
			}
			line := strings.TrimPrefix(strings.TrimSpace(l.text), "$ ")
			line = strings.Replace(line, "./berth ", "berth ", 1)
			line = strings.Replace(line, "go run ./cmd/berth ", "berth ", 1)
			for _, args := range berthInvocations(line) {
				// Output lines start with berth too ("berth will perform
				// ...", "berth diff: failing ..."): a command names one.
				if len(args) == 0 || !commands[args[0]] {
					continue
				}
				n++
				if err := parseInvocation(args); err != nil {
					t.Errorf("%s:%d: %q: %v", f, l.n, line, err)
				}
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d berth command lines found in the docs: the scan is broken", n)
	}
}
