package swarm

import (
	"maps"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// networkDef is one overlay network.
type networkDef struct {
	Driver     string
	Internal   bool
	Attachable bool
	Labels     map[string]string // the user's
}

// Network attribute names.
const (
	attrDriver     = "driver"
	attrInternal   = "internal"
	attrAttachable = "attachable"
)

func networkDefFromModel(n *lang.Network) networkDef {
	return networkDef{
		Driver:     orDefault(n.Driver, "overlay"),
		Internal:   n.Internal,
		Attachable: n.Attachable,
		Labels:     maps.Clone(n.Labels),
	}
}

func (n networkDef) attrs() planner.Attrs {
	a := planner.Attrs{}
	a.Set(attrDriver, n.Driver)
	a.Set(attrInternal, n.Internal)
	a.Set(attrAttachable, n.Attachable)
	a.Set(attrLabels, n.Labels)
	return a
}

func networkDefFromAttrs(a planner.Attrs) networkDef {
	return networkDef{
		Driver:     a.String(attrDriver),
		Internal:   a.Bool(attrInternal),
		Attachable: a.Bool(attrAttachable),
		Labels:     a.Map(attrLabels),
	}
}
