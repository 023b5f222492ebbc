package fromcompose

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/hashicorp/hcl/v2"
	"go.yaml.in/yaml/v4"
)

// The values the Compose file takes from its variables (image:
// nginx:${TAG}, with TAG in .env) are written into the berth source as
// they were at import: berth does not read .env. That is said once per
// place the values came from (the .env file, the environment of berth
// import), at the first use, so that the next edit of .env is not lost
// without a word. Credentials are not among them: they become sensitive
// variables (envsecrets.go) or have a warning of their own
// (credentials_leak.go).

// variablesWritten warns about the variables whose values the source
// took from .env or from the environment.
func (c *converter) variablesWritten() {
	fromFile := map[string]string{}
	files := c.src.interpolationEnvFiles()
	for _, f := range files {
		if m, err := dotenv.Read(f); err == nil {
			for k, v := range m {
				fromFile[k] = v
			}
		}
	}
	uses := c.src.variableUses(c.p.Environment, func(name string) bool { _, ok := c.p.Services[name]; return ok })
	var dotEnv, environ []string
	var dotEnvAt, environAt *hcl.Range
	for _, u := range uses {
		if strings.HasPrefix(u.name, "COMPOSE_") || credentialName(u.name) || c.credVars["$"+u.name] != nil {
			continue
		}
		if v, ok := fromFile[u.name]; ok && v == c.p.Environment[u.name] {
			if !slices.Contains(dotEnv, u.name) {
				dotEnv = append(dotEnv, u.name)
				dotEnvAt = firstRange(dotEnvAt, u.at)
			}
		} else if !slices.Contains(environ, u.name) {
			environ = append(environ, u.name)
			environAt = firstRange(environAt, u.at)
		}
	}
	if len(dotEnv) > 0 {
		names := make([]string, len(files))
		for i, f := range files {
			names[i] = filepath.ToSlash(c.src.display(f))
		}
		c.variablesWarning(dotEnvAt, dotEnv, strings.Join(names, ", "))
	}
	if len(environ) > 0 {
		c.variablesWarning(environAt, environ, "the environment of berth import")
	}
}

func (c *converter) variablesWarning(at *hcl.Range, names []string, from string) {
	example := names[0]
	c.warn(at, "Values of variables written into the berth source",
		"The Compose file reads $%s from %s, which berth does not read: %s at import %s written where the file uses %s. A later change of %s no longer reaches the spec: edit the berth source, or declare a berth variable for a value that varies (variable %q { default = %q }, set with -var or BERTH_VAR_%s) and use it there.",
		strings.Join(names, ", $"), from, pick(len(names) == 1, "its value", "their values"), pick(len(names) == 1, "is", "are"), pick(len(names) == 1, "it", "them"),
		from, strings.ToLower(example), c.p.Environment[example], strings.ToLower(example))
}

type variableUse struct {
	name string
	at   *hcl.Range
}

// variableUses lists, in the order the Compose files write them, the
// references to variables that env sets and that give their value (not a
// default), with the range of the value that holds each, in the services
// active tells are imported and everywhere else.
func (s *Sources) variableUses(env map[string]string, active func(string) bool) []variableUse {
	var out []variableUse
	var walk func(f string, n *yaml.Node, depth int)
	walk = func(f string, n *yaml.Node, depth int) {
		if n == nil || depth > 64 {
			return
		}
		if n.Kind == yaml.ScalarNode {
			segs, _ := segments(n.Value)
			for _, g := range segs {
				if _, set := env[g.name]; g.name == "" || !set {
					continue
				}
				if _, fromDefault := g.value(env); !fromDefault {
					out = append(out, variableUse{g.name, s.nodeRange(f, n)})
				}
			}
			return
		}
		for _, ch := range n.Content {
			walk(f, ch, depth+1)
		}
	}
	for _, f := range s.all() {
		root := s.tree(f)
		if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
			root = root.Content[0]
		}
		if root.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(root.Content); i += 2 {
			v := root.Content[i+1]
			if root.Content[i].Value != "services" || v.Kind != yaml.MappingNode {
				walk(f, v, 0)
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				if active(v.Content[j].Value) { // a service of an inactive profile writes nothing
					walk(f, v.Content[j+1], 0)
				}
			}
		}
	}
	return out
}
