package lang

import "github.com/hashicorp/hcl/v2"

var configBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "file"}, {Name: "content"}},
}

// decodeConfigBlock decodes a `config "name" {}` block: a file or content.
func (st *loadState) decodeConfigBlock(b *hcl.Block) *Config {
	cfg := &Config{Name: b.Labels[0], DeclRange: b.DefRange}
	cfg.File, cfg.Path, cfg.Content = st.decodeFileSource(b, "config", "content", configBlockSchema)
	return cfg
}
