package lang

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

var berthBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "project"}, {Name: "backend"}, {Name: "nodes"}, {Name: "registry"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "defaults"}},
}

var defaultsBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "hop_latency"}},
}

// projectName is what Docker accepts as a compose project name.
var projectName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// ValidProjectName says whether name is a project name berth.project
// accepts (berth destroy --project checks its flag by it).
func ValidProjectName(name string) bool { return projectName.MatchString(name) }

// decodeBerthBlock decodes the `berth {}` block into the spec's settings.
func (st *loadState) decodeBerthBlock(b *hcl.Block) {
	c := st.content(b.Body, berthBlockSchema)
	a := st.attrsOf(c, st.ctx)
	s := st.spec
	s.DeclRange = b.DefRange
	a.str("project", &s.Project)
	if a.has("project") && !projectName.MatchString(s.Project) {
		st.add(errorAt(a.rng("project"), "Invalid project name",
			"%q is not a valid project name: use lowercase letters, digits, dashes and underscores, starting with a letter or digit.", s.Project))
	}
	a.enum("backend", "backend", &s.Backend, BackendCompose, BackendSwarm)
	a.integer("nodes", &s.Nodes)
	a.need(s.Nodes >= 1, "nodes", b.DefRange, "nodes must be at least 1, not %d: the simulator needs a host to place replicas on.", s.Nodes)
	a.str("registry", &s.Registry)
	if a.has("registry") {
		if problem := registryProblem(s.Registry); problem != "" {
			st.add(errorAt(a.rng("registry"), "Invalid registry", "%s", problem))
		}
	}
	for _, d := range c.Blocks {
		dc := st.content(d.Body, defaultsBlockSchema)
		st.attrsOf(dc, st.ctx).dist("hop_latency", &s.Defaults.HopLatency)
	}
}

// registryHost is a registry address as image references carry it: a host
// name or IP with an optional port, then optional path components.
var registryHost = regexp.MustCompile(`^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$`)

// registryProblem says what is wrong with a berth.registry value, or "".
// Image references name their registry by its first component, which must
// hold a dot or a port (or be localhost) for Docker to read it as one.
func registryProblem(r string) string {
	if scheme, rest, ok := strings.Cut(r, "://"); ok {
		return fmt.Sprintf("%q is a URL; a registry is named as image references name it, host[:port][/path], without the scheme: write %q.", r, rest) + schemeNote(scheme)
	}
	if !registryHost.MatchString(r) {
		return fmt.Sprintf("%q is not a registry address: write host[:port][/path], for example \"registry.example.com/team\" or \"10.0.0.5:5000\".", r)
	}
	host, _, _ := strings.Cut(r, "/")
	if !strings.ContainsAny(host, ".:") && host != "localhost" {
		return fmt.Sprintf("%q would be read as a Docker Hub namespace, not a registry: a registry's host has a dot or a port (\"%s:5000\"), or is localhost.", r, host)
	}
	return ""
}

func schemeNote(scheme string) string {
	if scheme == "http" {
		return " A plain-HTTP registry must be listed in each engine's insecure-registries."
	}
	return ""
}

// defaultProject derives a project name from the spec directory's base
// name, as Compose does: lowercased, other characters dropped.
func defaultProject(dir string) string {
	base := filepath.Base(filepath.Clean(dir))
	if base == "." || base == string(filepath.Separator) {
		if abs, err := filepath.Abs(dir); err == nil {
			base = filepath.Base(abs)
		}
	}
	var sb strings.Builder
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || (r == '-' || r == '_') && sb.Len() > 0 {
			sb.WriteRune(r)
		}
	}
	if sb.Len() == 0 {
		return "default"
	}
	return sb.String()
}
