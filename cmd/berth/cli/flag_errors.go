package cli

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// pflag's messages for a flag the command does not have. A single-dash
// long flag that is not one of the command's (terraformStyle rewrites
// only those) reaches pflag as a cluster of shorthands, and its message
// named the first letter: "unknown shorthand flag: 'd' in
// -detailed-exitcodes".
var (
	unknownLong  = regexp.MustCompile(`^unknown flag: --([^= ]+)`)
	unknownShort = regexp.MustCompile(`^unknown shorthand flag: '.' in (-[^= ]+)`)
)

// flagError is the root's FlagErrorFunc: an unknown flag is named as it
// was typed, with the closest flag of the command when one is a likely
// typo, else where the command's flags are listed.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	var typed, name string
	if m := unknownLong.FindStringSubmatch(msg); m != nil {
		typed, name = "--"+m[1], m[1]
	} else if m := unknownShort.FindStringSubmatch(msg); m != nil {
		// pflag names what was left of the cluster when it failed:
		// "-elp" of -hepl, -h being --help. Name the argument typed.
		typed = typedArg(cmd, m[1])
		if hint, ok := composeOnly[cmd.Name()+" "+typed]; ok {
			return fmt.Errorf("unknown flag: %s: %s", typed, hint)
		}
		if len(typed) <= 2 { // -x: no long flag to suggest
			return fmt.Errorf("unknown flag: %s (%s --help lists its flags)", typed, cmd.CommandPath())
		}
		name = typed[1:]
	} else if verr := flagValueError(cmd, msg); verr != nil {
		return verr
	} else {
		return err
	}
	dashes := typed[:len(typed)-len(name)]
	if s := suggestFlag(cmd, name); s != "" {
		return fmt.Errorf("unknown flag: %s. Did you mean %s%s?", typed, dashes, s)
	}
	if hint, ok := terraformOnly[name]; ok {
		return fmt.Errorf("unknown flag: %s: %s", typed, hint)
	}
	if formatValue(cmd, name) {
		// berth diff --json: every other report has --json, diff has
		// --format json.
		return fmt.Errorf("unknown flag: %s. Did you mean %sformat %s?", typed, dashes, strings.ToLower(name))
	}
	return fmt.Errorf("unknown flag: %s (%s --help lists its flags)", typed, cmd.CommandPath())
}

// argsAnnotation is the root's annotation that holds the arguments as
// typed (set by Run), NUL-separated.
const argsAnnotation = "berth.args"

// typedArg returns the single-dash argument, as typed, that ends with
// rest (what pflag had left of it), or rest when none does.
func typedArg(cmd *cobra.Command, rest string) string {
	args := cmd.Root().Annotations[argsAnnotation]
	if args == "" {
		return rest
	}
	for _, a := range strings.Split(args, "\x00") {
		if a == "--" {
			break
		}
		a, _, _ = strings.Cut(a, "=")
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.HasSuffix(a, rest[1:]) {
			return a
		}
	}
	return rest
}

// suggestFlag returns the long flag of cmd closest to name, or "" when
// none is a likely typo: another case, one edit, or two between names
// longer than two letters (the rule of the spec's "Did you mean").
func suggestFlag(cmd *cobra.Command, name string) string {
	var names []string
	add := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	cmd.Flags().VisitAll(add)
	cmd.InheritedFlags().VisitAll(add)
	sort.Strings(names)
	best, bestDist := "", 0
	for _, c := range names {
		d := levenshtein.Distance(strings.ToLower(name), c, nil)
		if (d <= 1 || d == 2 && min(len(name), len(c)) > 2) && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// terraformOnly says, for terraform's flags that berth has no use for,
// what berth does instead: 'berth plan -destroy' said only where the
// flags are listed.
var terraformOnly = map[string]string{
	"destroy": "berth destroy DIR shows what it removes and asks before it does",
	"target":  "berth plans and applies the whole spec; to leave a service out, remove it from the spec or give it replicas = 0",
	"input":   "berth asks for nothing but apply's and destroy's confirmation, which --auto-approve skips (and without a terminal it does not wait)",
	"refresh": "berth reads what the engine runs at every plan; there is nothing to refresh",
}

// composeOnly says the same of docker compose's one-letter flags, by
// command and flag: 'berth apply -d', as 'docker compose up -d'.
var composeOnly = map[string]string{
	"apply -d":   "berth apply returns once the containers run (or are healthy) and never stays attached; there is no -d to give",
	"destroy -v": "berth destroy always removes the project's volumes, as docker compose down -v does; there is no -v to give",
}

// formatValue says whether name is one of the values of cmd's --format
// flag, as its usage lists them ("markdown | json | mermaid | dot").
func formatValue(cmd *cobra.Command, name string) bool {
	f := cmd.Flags().Lookup("format")
	if f == nil {
		return false
	}
	for _, v := range strings.Split(f.Usage, "|") {
		if strings.EqualFold(strings.TrimSpace(v), name) {
			return true
		}
	}
	return false
}
