package lang

import "github.com/hashicorp/hcl/v2"

var configBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "file"}, {Name: "content"}},
}

// decodeConfigBlock decodes a `config "name" {}` block: a file or content.
func (st *loadState) decodeConfigBlock(b *hcl.Block) *Config {
	c := st.content(b.Body, configBlockSchema)
	a := st.attrsOf(c, st.ctx)
	cfg := &Config{Name: b.Labels[0], DeclRange: b.DefRange}
	a.requireOne(b.DefRange, "config", "file", "content")
	a.str("file", &cfg.File)
	if cfg.File != "" {
		cfg.Path = st.checkFile(a, "config", cfg.File)
	}
	var content string
	a.str("content", &content)
	if a.has("content") {
		cfg.Content = []byte(content)
	}
	return cfg
}
