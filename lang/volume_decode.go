package lang

import "github.com/hashicorp/hcl/v2"

var volumeBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "driver"}, {Name: "labels"}},
}

// decodeVolumeBlock decodes a `volume "name" {}` block.
func (st *loadState) decodeVolumeBlock(b *hcl.Block) *Volume {
	c := st.content(b.Body, volumeBlockSchema)
	a := st.attrsOf(c, st.ctx)
	v := &Volume{Name: b.Labels[0], DeclRange: b.DefRange}
	a.str("driver", &v.Driver)
	a.userLabels("labels", &v.Labels)
	return v
}
