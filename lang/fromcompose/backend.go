package fromcompose

import (
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// backend sets berth.backend = "swarm" for a file written for docker
// stack deploy: a service that sets what only Swarm reads (global mode,
// placement, update or rollback config, endpoint_mode) or an overlay
// network. Compose ignores those settings, and so would berth's compose
// backend, silently: the agents of a global service would run once, on
// one engine, and a constraint would place nothing.
func (c *converter) backend(bb *hclwrite.Body) {
	at, why := c.swarmOnly()
	if why == "" {
		return
	}
	setString(bb, "backend", "swarm")
	c.warn(at, "Imported for Swarm",
		"The Compose file is written for docker stack deploy (%s), which docker compose and berth's compose backend do not honour, so the spec's backend is swarm. Plan with --backend compose (or remove backend) to run it on one engine without them.", why)
}

// swarmOnly returns the first Swarm-only setting of the file, and what it
// is, or "".
func (c *converter) swarmOnly() (*hcl.Range, string) {
	for _, name := range slices.Sorted(maps.Keys(c.p.Services)) {
		s := c.p.Services[name]
		if !forSwarm(s) {
			continue
		}
		d := s.Deploy
		key, what := "mode", "global mode"
		switch {
		case d.Mode == "global":
		case d.Placement.Constraints != nil || d.Placement.Preferences != nil || d.Placement.MaxReplicas > 0:
			key, what = "placement", "placement"
		case d.UpdateConfig != nil:
			key, what = "update_config", "update_config"
		case d.RollbackConfig != nil:
			key, what = "rollback_config", "rollback_config"
		default:
			key, what = "endpoint_mode", "endpoint_mode"
		}
		return c.src.At("services", name, "deploy", key), what + " of the service " + quoteList([]string{name})
	}
	for _, name := range slices.Sorted(maps.Keys(c.p.Networks)) {
		if c.p.Networks[name].Driver == "overlay" {
			return c.src.At("networks", name, "driver"), "the overlay network " + quoteList([]string{name})
		}
	}
	return nil, ""
}
