package cli

import (
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// docFlagSections names, per command, the sections of docs/*.md that
// list its flags: the first column of a table whose header starts with
// "flag", and a paragraph that starts with "Flags:". A section runs from
// its "## " heading to the next one, code blocks left out.
var docFlagSections = []struct {
	cmd      string
	sections []string // "file.md#heading"
}{
	{"plan", []string{"deploy.md#berth plan"}},
	{"apply", []string{"deploy.md#berth apply"}},
	{"status", []string{"deploy.md#berth status"}},
	{"destroy", []string{"deploy.md#berth destroy"}},
	{"export compose", []string{"deploy.md#berth export compose"}},
	{"import", []string{"deploy.md#berth import"}},
	{"simulate", []string{"simulate.md#Flags"}},
	{"diff", []string{"review.md#berth diff"}},
	{"whatif", []string{"review.md#berth whatif"}},
	{"loadtest", []string{"loadtest.md#berth loadtest"}},
	// compare's docs say "Flags: those of loadtest, plus ...".
	{"compare", []string{"loadtest.md#berth loadtest", "loadtest.md#berth compare"}},
	{"calibrate", []string{"loadtest.md#berth calibrate"}},
	{"validate", []string{"language.md#berth validate, fmt and graph"}},
	{"fmt", []string{"language.md#berth validate, fmt and graph"}},
	{"graph", []string{"language.md#berth validate, fmt and graph"}},
}

// TestDocsFlagTables: every flag of a command's --help is in its docs'
// flag table (or Flags: line), every flag the docs list there exists, and
// a default the table states agrees with the one --help shows. The docs
// had drifted both ways: destroy's listed a --wait it refuses, diff's a
// --no-prune that is whatif's, simulate's lacked --warmup and --backend.
func TestDocsFlagTables(t *testing.T) {
	root := newRootCmd()
	for _, tc := range docFlagSections {
		cmd, _, err := root.Find(strings.Fields(tc.cmd))
		if err != nil || cmd.CommandPath() != "berth "+tc.cmd {
			t.Fatalf("no command %q", tc.cmd)
		}
		documented := map[string]string{} // flag -> default cell ("" when the table has none)
		for _, s := range tc.sections {
			file, heading, _ := strings.Cut(s, "#")
			body := docSection(t, filepath.Join("..", "..", "..", "docs", file), heading)
			for name, def := range docFlags(body, tc.cmd) {
				documented[name] = def
			}
		}
		actual := map[string]*pflag.Flag{}
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name != "help" {
				actual[f.Name] = f
			}
		})
		for _, name := range sortedKeys(actual) {
			if _, ok := documented[name]; !ok {
				t.Errorf("berth %s --%s: not in the flag table of %v", tc.cmd, name, tc.sections)
			}
		}
		for _, name := range sortedKeys(documented) {
			f := cmd.Flags().Lookup(name) // also a name normalized to a flag's: --out is --output
			if ok := f != nil && f.Name != "help"; !ok {
				t.Errorf("%v lists --%s, which berth %s does not have", tc.sections, name, tc.cmd)
				continue
			}
			def := documented[name]
			switch f.DefValue {
			case "", "0", "0s", "false", "[]":
				continue
			}
			if def != "" && !strings.Contains(def, f.DefValue) {
				t.Errorf("berth %s --%s: the docs give the default %q, --help %q", tc.cmd, name, def, f.DefValue)
			}
		}
	}
}

// docSection returns the lines of the "## heading" section of a
// markdown file, fenced code left out.
func docSection(t *testing.T, path, heading string) []string {
	t.Helper()
	var out []string
	in := false
	for _, line := range proseLines(t, path) {
		if strings.HasPrefix(line, "## ") {
			in = strings.TrimSpace(strings.TrimPrefix(line, "## ")) == heading
			continue
		}
		if in {
			out = append(out, line)
		}
	}
	if out == nil {
		t.Fatalf("%s: no section %q", path, heading)
	}
	return out
}

var docFlagName = regexp.MustCompile("(?:^|[\\s`(,])--?([a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z][a-z0-9]+)")

// docFlags returns the flags a section lists for cmd, each with its
// default cell when the table has a default column ("" otherwise). A
// table with a "command" column lists the flags of the commands it names.
func docFlags(lines []string, cmd string) map[string]string {
	flags := map[string]string{}
	add := func(text, def string) {
		for _, m := range docFlagName.FindAllStringSubmatch(text, -1) {
			if _, ok := flags[m[1]]; !ok || def != "" {
				flags[m[1]] = def
			}
		}
	}
	flagCol, defCol, cmdCol, inTable := -1, -1, -1, false
	var para []string
	for _, line := range append(lines, "") {
		if !strings.HasPrefix(line, "|") {
			inTable = false
		}
		switch {
		case strings.HasPrefix(line, "|"):
			// An escaped \| (compose\|swarm) is no cell border.
			cells := strings.Split(strings.Trim(strings.ReplaceAll(line, `\|`, "/"), "|"), "|")
			if !inTable {
				flagCol, defCol, cmdCol = -1, -1, -1
				for i, c := range cells {
					switch strings.TrimSpace(c) {
					case "flag":
						flagCol = i
					case "default":
						defCol = i
					case "command":
						cmdCol = i
					}
				}
				inTable = flagCol >= 0
				continue
			}
			if flagCol >= len(cells) || cmdCol >= 0 && !slices.Contains(strings.FieldsFunc(cells[cmdCol], func(r rune) bool { return r == ',' || r == ' ' }), cmd) {
				continue
			}
			def := ""
			if defCol >= 0 && defCol < len(cells) {
				def = strings.TrimSpace(cells[defCol])
			}
			add(cells[flagCol], def)
		case strings.TrimSpace(line) == "":
			// A paragraph's "Flags: ..." sentence, up to its full stop.
			text := strings.Join(para, " ")
			if _, after, ok := strings.Cut(text, "Flags:"); ok {
				if i := strings.Index(after+" ", ". "); i >= 0 {
					after = after[:i]
				}
				add(after, "")
			}
			para = nil
		default:
			para = append(para, line)
		}
	}
	return flags
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
