package planner

import "fmt"

// ApplyInMemory returns the snapshot an engine would show after executing
// p faithfully on obs: deleted resources gone, created ones present with the
// desired attributes and the plan's config hash, updated ones carrying the
// desired attributes. An update keeps the recorded hash unless the type can
// relabel in place, exactly as a backend does. Property tests use it to
// check that planning again after applying is empty.
func ApplyInMemory(obs *Observed, p *Plan, schema SchemaFunc) *Observed {
	out := &Observed{Project: obs.Project}
	if p.Project != "" {
		out.Project = p.Project
	}
	changed := map[Address]*Change{}
	for _, c := range p.Changes {
		changed[c.Address] = c
	}
	for _, o := range obs.Resources {
		if c := changed[o.Address]; c != nil && c.Action != NoOp {
			continue // rewritten below
		}
		out.Resources = append(out.Resources, o)
	}
	for _, c := range p.Changes {
		switch c.Action {
		case Create, Replace:
			out.Resources = append(out.Resources, fromDesired(c, fmt.Sprintf("mem:%s", c.Address), c.AfterHash))
		case Update:
			hash := c.Before.ConfigHash
			if schema(c.Type).Relabel {
				hash = c.AfterHash
			}
			nr := fromDesired(c, c.Before.ID, hash)
			nr.Defaults = c.Before.Defaults
			out.Resources = append(out.Resources, nr)
		}
	}
	out.Sort()
	return out
}

func fromDesired(c *Change, id, hash string) *ObservedResource {
	return &ObservedResource{Resource: *c.After.Clone(), ID: id, ConfigHash: hash}
}
