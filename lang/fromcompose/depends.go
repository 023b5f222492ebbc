package fromcompose

import (
	"maps"
	"slices"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// dependsOn writes depends_on. berth starts a service once its
// dependencies' containers are started: a condition that waits for more,
// and restart: true, are warnings. A dependency with required: false on a
// service of an inactive profile is left out, as docker compose leaves it.
func (c *converter) dependsOn(b *hclwrite.Body, s types.ServiceConfig, at func(...string) *hcl.Range) {
	var deps []string
	for _, d := range slices.Sorted(maps.Keys(s.DependsOn)) {
		dep := s.DependsOn[d]
		if _, ok := c.p.Services[d]; !ok {
			c.warn(at("depends_on", d), "Optional dependency left out",
				"%q depends on %q with required: false, and %q is not in the project (its profiles are not active), so docker compose starts %q without it; so does berth. Import with its profile to keep the dependency.", s.Name, d, d, s.Name)
			continue
		}
		deps = append(deps, c.name("service", d, nil))
		switch dep.Condition {
		case types.ServiceConditionCompletedSuccessfully:
			c.warn(at("depends_on", d), "depends_on condition not carried into berth",
				"berth starts %q once the containers of %q are started; it does not wait for them to exit.", s.Name, d)
		case types.ServiceConditionHealthy:
			c.warn(at("depends_on", d), "depends_on condition not carried into berth",
				"berth starts %q once the containers of %q are started; it does not wait for their health check to pass, so %q must retry until %q answers.", s.Name, d, s.Name, d)
		}
		// compose-go sets restart on the dependencies that links,
		// volumes_from and network_mode: service:x imply: those are
		// warned about at their own keys.
		if r := at("depends_on", d, "restart"); dep.Restart && r != nil {
			c.warn(r, "depends_on restart not carried into berth",
				"berth does not restart %q when %q is restarted or updated (restart: true); %q must reconnect by itself.", s.Name, d, s.Name)
		}
	}
	setRefs(b, "depends_on", "service", deps)
}
