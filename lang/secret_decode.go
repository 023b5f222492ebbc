package lang

import "github.com/hashicorp/hcl/v2"

var secretBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "file"}, {Name: "value"}},
}

// decodeSecretBlock decodes a `secret "name" {}` block: a file or a value.
func (st *loadState) decodeSecretBlock(b *hcl.Block) *Secret {
	s := &Secret{Name: b.Labels[0], DeclRange: b.DefRange}
	s.File, s.Path, s.Value = st.decodeFileSource(b, "secret", "value", secretBlockSchema)
	return s
}

// decodeFileSource decodes the body shared by secret and config blocks:
// exactly one of `file` (resolved against the spec directory and checked
// to exist) and an inline attribute (value or content). data is nil unless
// the inline attribute is set.
func (st *loadState) decodeFileSource(b *hcl.Block, block, inline string, schema *hcl.BodySchema) (file, path string, data []byte) {
	a := st.attrsOf(st.content(b.Body, schema), st.ctx)
	a.requireOne(b.DefRange, block, "file", inline)
	a.str("file", &file)
	if file != "" {
		path = st.checkFile(a, block, file)
	}
	var text string
	if block == "secret" {
		a.allowSensitive(nil, inline).str(inline, &text) // always sensitive
	} else {
		a.str(inline, &text)
	}
	if a.has(inline) {
		data = []byte(text)
	}
	return file, path, data
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
