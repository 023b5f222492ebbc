package lang

import "github.com/hashicorp/hcl/v2"

var secretBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "file"}, {Name: "value"}},
}

// decodeSecretBlock decodes a `secret "name" {}` block: a file or a value.
func (st *loadState) decodeSecretBlock(b *hcl.Block) *Secret {
	c := st.content(b.Body, secretBlockSchema)
	a := st.attrsOf(c, st.ctx)
	s := &Secret{Name: b.Labels[0], DeclRange: b.DefRange}
	a.requireOne(b.DefRange, "secret", "file", "value")
	a.str("file", &s.File)
	if s.File != "" {
		s.Path = st.checkFile(a, "secret", s.File)
	}
	var value string
	a.str("value", &value)
	if a.has("value") {
		s.Value = []byte(value)
	}
	return s
}

// checkFile resolves a file attribute against the spec directory and
// reports when it is missing.
func (st *loadState) checkFile(a attrs, block, file string) string {
	if !fileExists(st.dir, st.fsys, file) {
		a.add(errorAt(a.rng("file"), "Missing "+block+" file",
			"The file %q does not exist (paths are relative to the spec directory %s). Create it, or fix the path.",
			file, st.dir))
	}
	return resolvePath(st.dir, st.fsys, file)
}
