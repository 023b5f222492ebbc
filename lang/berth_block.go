package lang

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

var berthBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "project"}, {Name: "backend"}, {Name: "nodes"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "defaults"}},
}

var defaultsBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "hop_latency"}},
}

// projectName is what Docker accepts as a compose project name.
var projectName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

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
	for _, d := range c.Blocks {
		dc := st.content(d.Body, defaultsBlockSchema)
		st.attrsOf(dc, st.ctx).dist("hop_latency", &s.Defaults.HopLatency)
	}
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
