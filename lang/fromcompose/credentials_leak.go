package fromcompose

import (
	"bytes"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"go.yaml.in/yaml/v4"
)

// A Compose variable named as a credential (DB_PASS, TRAEFIK_BASIC_AUTH)
// that a service reads outside environment only, in a label or a shell
// command, is no sensitive variable (berth allows those in env alone), so
// its value from .env or the environment is written where the service
// reads it. That is never silent: credentialLeaks warns at the use.

// minCredential is the shortest value looked for: a shorter one (a
// one-letter password) would be found in unrelated text.
const minCredential = 4

// credentialLeaks warns, once per variable, about each credential-named
// Compose variable whose value at import the source holds, at the first
// place outside environment where a service reads it.
func (c *converter) credentialLeaks(src []byte) {
	for _, name := range slices.Sorted(maps.Keys(c.p.Environment)) {
		val := c.p.Environment[name]
		if !credentialName(name) || len(val) < minCredential || !bytes.Contains(src, []byte(val)) {
			continue
		}
		svc, key, at := c.src.useOutsideEnv(name)
		if at == nil {
			continue // the value is there by chance, not from the variable
		}
		c.warn(at, "Credential written into the berth source",
			"The service %q reads $%s, which is named as a credential, in its %s, and berth writes its value at import (from .env or the environment) there, in the berth source, which is kept in version control: berth keeps a credential out of its source only in env, as a sensitive variable. Remove the value before committing the source: for a command or health check, set env = { %s = var.%s } with variable %q { sensitive = true } and read $%s through the shell.",
			svc, name, key, name, strings.ToLower(name), strings.ToLower(name), name)
	}
}

// useOutsideEnv returns the first service key (other than environment)
// of the Compose files that reads the variable name, the service, and the
// range of the value that reads it.
func (s *Sources) useOutsideEnv(name string) (service, key string, at *hcl.Range) {
	for _, f := range s.all() {
		_, services := findPair(s.tree(f), []string{"services"})
		if services == nil || services.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(services.Content); i += 2 {
			svc := services.Content[i].Value
			body := deref(services.Content[i+1])
			if body == nil || body.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(body.Content); j += 2 {
				k := body.Content[j].Value
				if k == "environment" || k == "env_file" {
					continue
				}
				if n := readsVar(body.Content[j+1], name, 0); n != nil {
					return svc, k, s.nodeRange(f, n)
				}
			}
		}
	}
	return "", "", nil
}

// readsVar returns the first scalar under n whose value reads the
// variable name.
func readsVar(n *yaml.Node, name string, depth int) *yaml.Node {
	n = deref(n)
	if n == nil || depth > 16 {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		segs, _ := segments(n.Value)
		if slices.ContainsFunc(segs, func(g segment) bool { return g.name == name }) {
			return n
		}
		return nil
	}
	for _, ch := range n.Content {
		if r := readsVar(ch, name, depth+1); r != nil {
			return r
		}
	}
	return nil
}
