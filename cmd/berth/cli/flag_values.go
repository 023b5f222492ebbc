package cli

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
)

// invalidValue is pflag's message for a value its type cannot parse:
// 'invalid argument "abc" for "--replications" flag: strconv.ParseInt:
// parsing "abc": invalid syntax', which names Go's parser, not what to
// write.
var invalidValue = regexp.MustCompile(`^invalid argument ("(?:[^"\\]|\\.)*") for "(?:-., )?--([^"]+)" flag: (.*)$`)

// valueHints say what a flag of each pflag type takes.
var valueHints = map[string]string{
	"int":      "a whole number is required",
	"int64":    "a whole number is required",
	"uint":     "a whole number of 0 or more is required",
	"uint64":   "a whole number of 0 or more is required",
	"float64":  "a number is required",
	"bool":     "write true or false",
	"duration": "write it as 90s, 5m or 1h30m",
}

// flagValueError rewrites pflag's message for a value of the wrong type
// into what the flag takes, keeping pflag's first part ('invalid argument
// "abc" for "--replications" flag: a whole number is required'); a value
// out of range says so. It returns nil for other errors.
func flagValueError(cmd *cobra.Command, msg string) error {
	m := invalidValue.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	f := cmd.Flags().Lookup(m[2])
	if f == nil {
		return nil
	}
	hint, ok := valueHints[f.Value.Type()]
	if !ok || !strings.HasPrefix(m[3], "strconv.") && !strings.HasPrefix(m[3], "time: ") {
		return nil // a flag's own message (durationFlag's) already says it
	}
	if strings.HasSuffix(m[3], "value out of range") {
		hint = "the number is out of range"
	}
	return fmt.Errorf("invalid argument %s for \"--%s\" flag: %s", m[1], m[2], hint)
}
