package fromcompose

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/sirupsen/logrus"
)

// captureWarnings runs fn with compose-go's log (logrus) captured: what it
// warns about becomes diagnostics instead of log lines.
func captureWarnings(fn func() error) []string {
	h := &hook{}
	std := logrus.StandardLogger()
	out, hooks := std.Out, std.ReplaceHooks(logrus.LevelHooks{})
	std.SetOutput(io.Discard)
	std.AddHook(h)
	defer func() {
		std.SetOutput(out)
		std.ReplaceHooks(hooks)
	}()
	fn()
	return h.msgs
}

type hook struct{ msgs []string }

func (h *hook) Levels() []logrus.Level { return []logrus.Level{logrus.WarnLevel, logrus.ErrorLevel} }

func (h *hook) Fire(e *logrus.Entry) error { h.msgs = append(h.msgs, e.Message); return nil }

// unsetRE is compose-go's warning for a variable that interpolation found
// neither in the environment nor in .env.
var unsetRE = regexp.MustCompile(`^The "([^"]+)" variable is not set\. Defaulting to a blank string`)

// warnings turns compose-go's warnings into diagnostics, once each: it
// repeats one for every use of an unset variable, which becomes one
// warning at the variable's first use in the files.
func (s *Sources) warnings(msgs []string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	for _, w := range msgs {
		if seen[w] || strings.Contains(w, "`version` is obsolete") {
			continue // berth reads every version; docker stack deploy still wants one
		}
		seen[w] = true
		if m := unsetRE.FindStringSubmatch(w); m != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Variable not set",
				Detail:  fmt.Sprintf("$%s is set neither in the environment nor in .env, so it was read as an empty string, as docker compose reads it. Set it and import again, or fix the value in the berth source.", m[1]),
				Subject: s.variableUse(m[1])})
			continue
		}
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Compose file warning", Detail: strings.TrimSuffix(w, ".") + "."})
	}
	return diags
}

// variableUse returns the range of the first use of name that reads as
// empty when it is unset, ${name} or $name (not $$name, a literal, nor
// ${name:-default}, which takes its default), else of the first
// ${name...}, or nil.
func (s *Sources) variableUse(name string) *hcl.Range {
	q := regexp.QuoteMeta(name)
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(^|[^$])(\$\{` + q + `\}|\$` + q + `\b)`),
		regexp.MustCompile(`(^|[^$])(\$\{` + q + `[}:?+-])`),
	} {
		for _, f := range s.all() {
			if m := re.FindSubmatchIndex(s.Bytes[f]); m != nil {
				return s.offsetRange(f, m[4], m[5]-m[4])
			}
		}
	}
	return nil
}
