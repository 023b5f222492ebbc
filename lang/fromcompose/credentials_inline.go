package fromcompose

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"go.yaml.in/yaml/v4"
)

// A credential the import keeps out of env (a sensitive variable,
// envsecrets.go) is often read by the command or the health check too
// (mysqladmin ping -p${MYSQL_ROOT_PASSWORD}), where compose-go has
// already put its value. Written as it is, the password would be in the
// berth source after all, which is kept in version control. Where the
// Compose file interpolates the credential's variable, the import writes
// a reference to the container's environment instead, ${KEY}, where env
// KEY reads the sensitive variable: an exec-form health check becomes
// CMD-SHELL, so that the shell expands it; a command is left to the
// program it runs, with a warning.

// credEnv returns, for each Compose variable of a credential (set outside
// the Compose file, so its value would leak), the env key of the service
// that reads it, "" when none does.
func (c *converter) credEnv(env map[string]string, creds map[string]hclwrite.Tokens) map[string]string {
	out := map[string]string{}
	for key, v := range c.credVars {
		name, ok := strings.CutPrefix(key, "$")
		if !ok || v.unset {
			continue
		}
		out[name] = ""
		for _, k := range slices.Sorted(maps.Keys(creds)) {
			if env[k] == v.value && (out[name] == "" || k == name) {
				out[name] = k
			}
		}
	}
	return out
}

// marker i stands for the i-th credential reference while a value is
// split as compose-go splits it.
func marker(i int) string { return fmt.Sprintf("BERTHCREDENTIAL%dX", i) }

var markerRE = regexp.MustCompile(`BERTHCREDENTIAL([0-9]+)X`)

// markerIndex is the i of marker(i).
func markerIndex(m string) int {
	n, _ := strconv.Atoi(markerRE.FindStringSubmatch(m)[1])
	return n
}

// markCredentials interpolates raw as compose-go does, with a marker for
// each reference to a variable of vars, whose names it appends to names.
func (c *converter) markCredentials(raw string, vars map[string]string, names *[]string) (string, bool) {
	segs, ok := segments(raw)
	if !ok {
		return "", false
	}
	var b strings.Builder
	for _, g := range segs {
		if _, cred := vars[g.name]; cred && g.name != "" {
			b.WriteString(marker(len(*names)))
			*names = append(*names, g.name)
			continue
		}
		val, _ := g.value(c.p.Environment)
		b.WriteString(g.lit + val)
	}
	return b.String(), true
}

// rawStrings returns the value at services.<service>.<path> as the last
// Compose file that sets it writes it: a string, or a list of strings.
func (s *Sources) rawStrings(service string, path ...string) (vals []string, list, ok bool) {
	files := s.all()
	for i := len(files) - 1; i >= 0; i-- {
		_, k, v := s.pairIn(files[i], append([]string{"services", service}, path...), 0)
		if k == nil || v == nil {
			continue
		}
		switch v.Kind {
		case yaml.ScalarNode:
			return []string{v.Value}, false, true
		case yaml.SequenceNode:
			for _, item := range v.Content {
				if item = deref(item); item == nil || item.Kind != yaml.ScalarNode {
					return nil, false, false
				}
				vals = append(vals, item.Value)
			}
			return vals, true, true
		}
		return nil, false, false
	}
	return nil, false, false
}

// markedValue returns the value at path of service as compose-go reads it
// (a command split into words), with markers where the Compose file reads
// a credential's variable, and the variables in marker order; nil when
// it reads none, or when the marked value does not read as want.
func (c *converter) markedValue(service string, want []string, vars map[string]string, split bool, path ...string) ([]string, []string) {
	raws, list, ok := c.src.rawStrings(service, path...)
	if !ok || len(vars) == 0 {
		return nil, nil
	}
	var names, out []string
	for _, r := range raws {
		m, ok := c.markCredentials(r, vars, &names)
		if !ok {
			return nil, nil
		}
		out = append(out, m)
	}
	if len(names) == 0 {
		return nil, nil
	}
	if !list && split {
		var sc types.ShellCommand
		if err := sc.DecodeMapstructure(out[0]); err != nil {
			return nil, nil
		}
		out = sc
	}
	check := make([]string, len(out))
	for i, s := range out {
		check[i] = markerRE.ReplaceAllStringFunc(s, func(m string) string {
			return c.credVars["$"+names[markerIndex(m)]].value
		})
	}
	if !slices.Equal(check, want) {
		return nil, nil
	}
	return out, names
}

// hideCredentials rewrites the command and health check of s, written in
// b, with ${KEY} where the Compose file reads a credential's variable;
// vars are the credentials' variables with the env keys that hold them.
func (c *converter) hideCredentials(b *hclwrite.Body, s types.ServiceConfig, vars map[string]string, at func(...string) *hcl.Range) {
	var missing []string
	ref := func(names []string) func(string) string {
		return func(m string) string {
			n := markerIndex(m)
			key := vars[names[n]]
			if key == "" {
				key = names[n]
				if !slices.Contains(missing, key) {
					missing = append(missing, key)
				}
			}
			return "${" + key + "}"
		}
	}
	if hb := b.FirstMatchingBlock("health", nil); hb != nil && s.HealthCheck != nil {
		test := []string(s.HealthCheck.Test)
		_, list, _ := c.src.rawStrings(s.Name, "healthcheck", "test")
		want := test
		if !list { // one string: compose-go makes it CMD-SHELL
			want = test[1:]
		}
		if marked, names := c.markedValue(s.Name, want, vars, false, "healthcheck", "test"); names != nil {
			if list {
				marked = marked[1:]
			}
			var script string
			if test[0] == "CMD" {
				var words []string
				for _, a := range marked {
					words = append(words, shellWord(a, ref(names)))
				}
				script = strings.Join(words, " ")
			} else {
				script = shellRefs(strings.Join(marked, " "), ref(names))
			}
			setStrings(hb.Body(), "cmd", []string{"CMD-SHELL", script})
			c.warn(firstRange(at("healthcheck", "test"), at("healthcheck")), "Credential in the health check read from the environment",
				"The health check of %q reads $%s, which berth keeps out of its source (a sensitive variable): it reads it from the container's environment instead, through the shell: cmd = [\"CMD-SHELL\", %q]. The image needs a shell (/bin/sh) for it.%s",
				s.Name, strings.Join(uniq(names), ", $"), script, missingNote(missing))
		}
	}
	if marked, names := c.markedValue(s.Name, s.Command, vars, true, "command"); names != nil {
		cmd := make([]string, len(marked))
		script := shellScript(marked)
		for i, a := range marked {
			if i == script {
				cmd[i] = shellRefs(a, ref(names))
			} else {
				cmd[i] = markerRE.ReplaceAllStringFunc(a, ref(names))
			}
		}
		setStrings(b, "command", cmd)
		how := "A shell (sh -c) expands it; a program run without one gets the text itself: have it read the value from its environment or from a secret's file."
		if script >= 0 && !slices.ContainsFunc(append(slices.Clone(marked[:script]), marked[script+1:]...), markerRE.MatchString) {
			how = "The shell that runs the script expands it."
		}
		c.warn(at("command"), "Credential in the command read from the environment",
			"The command of %q reads $%s, which berth keeps out of its source (a sensitive variable): the command is %q, with the env key that holds it. %s%s",
			s.Name, strings.Join(uniq(names), ", $"), cmd, how, missingNote(missing))
	}
}

// shells run the script of -c.
var shells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true}

// shellScript returns the index of the script in cmd when cmd runs a
// shell with -c (sh -c, /bin/bash -euc), else -1.
func shellScript(cmd []string) int {
	if len(cmd) < 3 || !shells[path.Base(cmd[0])] {
		return -1
	}
	for i := 1; i+1 < len(cmd); i++ {
		a := cmd[i]
		if !strings.HasPrefix(a, "-") || strings.HasPrefix(a, "--") {
			return -1
		}
		if strings.Contains(a, "c") {
			return i + 1
		}
	}
	return -1
}

// shellRefs replaces the markers of a shell script with ref's
// references, written so that the shell expands each to the value the
// Compose file put there: between single quotes the quotes are closed
// around it ('…'"${KEY}"'…'), elsewhere it is ${KEY}.
func shellRefs(script string, ref func(string) string) string {
	var b strings.Builder
	var quote byte
	for i := 0; i < len(script); i++ {
		if m := markerRE.FindStringIndex(script[i:]); m != nil && m[0] == 0 {
			r := ref(script[i : i+m[1]])
			if quote == '\'' {
				r = `'"` + r + `"'`
			}
			b.WriteString(r)
			i += m[1] - 1
			continue
		}
		switch ch := script[i]; {
		case quote == 0 && ch == '\\' && i+1 < len(script):
			b.WriteByte(ch)
			i++
			b.WriteByte(script[i])
			continue
		case quote == 0 && (ch == '\'' || ch == '"'):
			quote = ch
		case quote != 0 && ch == quote:
			quote = 0
		}
		b.WriteByte(script[i])
	}
	return b.String()
}

func uniq(l []string) []string {
	var out []string
	for _, s := range l {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func missingNote(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return fmt.Sprintf(" No env key of the service holds %s: add env %s = var.%s.", strings.Join(keys, ", "), keys[0], strings.ToLower(keys[0]))
}

var plainWord = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// shellWord writes one marked argument of an exec-form command as a word
// of a shell script: single-quoted where it must be, each credential a
// double-quoted reference the shell expands ('-p'"${MYSQL_ROOT_PASSWORD}").
func shellWord(a string, ref func(string) string) string {
	quote := func(s string) string {
		if s == "" || plainWord.MatchString(s) {
			return s
		}
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	var b strings.Builder
	last := 0
	for _, m := range markerRE.FindAllStringIndex(a, -1) {
		b.WriteString(quote(a[last:m[0]]))
		b.WriteString(`"` + ref(a[m[0]:m[1]]) + `"`)
		last = m[1]
	}
	b.WriteString(quote(a[last:]))
	if b.Len() == 0 {
		return "''"
	}
	return b.String()
}
