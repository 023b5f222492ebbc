package fromcompose

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
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
			d := &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Variable not set",
				Detail:  fmt.Sprintf("$%s is set neither in the environment nor in .env, so it was read as an empty string, as docker compose reads it. Set it and import again, or fix the value in the berth source.", m[1]),
				Subject: s.variableUse(m[1])}
			if d.Subject != nil && slices.Contains(s.envFiles, d.Subject.Filename) {
				d.Detail += " docker compose interpolates the values of env files too: if the $ is meant literally (a password), write it $$ there."
			}
			diags = append(diags, d)
			continue
		}
		if d := s.knownWarning(w); d != nil {
			diags = append(diags, d)
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
		for _, f := range append(slices.Clone(s.all()), s.envFiles...) {
			for _, m := range re.FindAllSubmatchIndex(s.Bytes[f], -1) {
				if !inComment(string(s.Bytes[f]), m[4]) { // a commented-out line is not interpolated
					return s.offsetRange(f, m[4], m[5]-m[4])
				}
			}
		}
	}
	return nil
}

// addEnvFiles reads the .env file beside the first Compose file and the
// env_file files of p's services, for variableUse.
func (s *Sources) addEnvFiles(p *types.Project) {
	files := slices.Clone(s.interpolationEnvFiles())
	for _, name := range slices.Sorted(maps.Keys(p.Services)) {
		for _, ef := range p.Services[name].EnvFiles {
			files = append(files, ef.Path)
		}
	}
	for _, f := range files {
		f = s.display(f)
		if slices.Contains(s.envFiles, f) {
			continue
		}
		if _, ok := s.Bytes[f]; !ok {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			s.Bytes[f] = b
		}
		s.envFiles = append(s.envFiles, f)
	}
}

// display writes the absolute path f (compose-go resolves every path) as
// the first Compose file was given, relative when it was: a diagnostic
// in an env file then reads like one in the Compose file.
func (s *Sources) display(f string) string {
	if len(s.Files) == 0 || filepath.IsAbs(s.Files[0]) {
		return f
	}
	dir := filepath.Dir(s.Files[0])
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return f
	}
	r, err := filepath.Rel(absDir, f)
	if err != nil || strings.HasPrefix(r, "..") {
		return f
	}
	return filepath.Join(dir, r)
}
