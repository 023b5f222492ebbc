package lang

import "github.com/hashicorp/hcl/v2"

var networkBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "internal"}, {Name: "attachable"}, {Name: "driver"}, {Name: "labels"},
	},
}

// DefaultNetwork is the implicit network of services that declare none.
const DefaultNetwork = "default"

// decodeNetworkBlock decodes a `network "name" {}` block.
func (st *loadState) decodeNetworkBlock(b *hcl.Block) *Network {
	c := st.content(b.Body, networkBlockSchema)
	a := st.attrsOf(c, st.ctx)
	n := &Network{Name: b.Labels[0], DeclRange: b.DefRange}
	a.boolean("internal", &n.Internal)
	a.boolean("attachable", &n.Attachable)
	a.str("driver", &n.Driver)
	a.userLabels("labels", &n.Labels)
	return n
}
