package lang

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// dockerName is the rule the Docker engine applies to the names of
// containers, networks, volumes and secrets, which berth makes from these
// block labels.
var dockerName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

// checkNames rejects labels the engine would refuse only at apply time
// (an empty name, a quote, a space, a slash).
func (st *loadState) checkNames() {
	for _, svc := range st.services {
		st.checkName("service", svc.Name, svc.DeclRange)
	}
	for _, name := range sortedNames(st.spec.Networks) {
		st.checkName("network", name, st.spec.Networks[name].DeclRange)
	}
	for _, name := range sortedNames(st.spec.Volumes) {
		st.checkName("volume", name, st.spec.Volumes[name].DeclRange)
	}
	for _, name := range sortedNames(st.spec.Secrets) {
		st.checkName("secret", name, st.spec.Secrets[name].DeclRange)
	}
}

func (st *loadState) checkName(kind, name string, rng hcl.Range) {
	if dockerName.MatchString(name) {
		return
	}
	st.add(errorAt(rng, "Invalid "+kind+" name",
		"The %s name %q cannot name a Docker object%s: use ASCII letters (a-z, A-Z), digits, '_', '.' and '-', starting with a letter or digit.", kind, name, badNameChar(name)))
}

// badNameChar says which character of name Docker refuses, for the
// message: "" for an empty name.
func badNameChar(name string) string {
	for i, r := range name {
		ok := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		if i > 0 && (r == '_' || r == '.' || r == '-') {
			ok = true
		}
		if ok {
			continue
		}
		if i == 0 && (r == '_' || r == '.' || r == '-') {
			return fmt.Sprintf(" (it starts with %q)", r)
		}
		return fmt.Sprintf(" (%q is not allowed)", r)
	}
	return ""
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
