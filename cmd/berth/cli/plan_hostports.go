package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// takenPortChecker is a backend that can tell which host ports of a plan's
// new containers running containers of other projects hold (compose:
// apply refuses them before any step).
type takenPortChecker interface {
	TakenHostPorts(ctx context.Context, p *planner.Plan) ([]compose.TakenPort, error)
}

// takenPortDiags warns, at the service's port, about each host port the
// plan's new containers would publish that another project's running
// container holds (see warnPreflight).
func takenPortDiags(ctx context.Context, be any, spec *lang.Spec, p *planner.Plan) hcl.Diagnostics {
	taken := preflightFinds(be, func(c takenPortChecker) ([]compose.TakenPort, error) { return c.TakenHostPorts(ctx, p) })
	var diags hcl.Diagnostics
	for _, t := range taken {
		name, _, _ := strings.Cut(t.User.Name, "[")
		holder := "the container " + t.Holder
		if t.HolderProject != "" {
			holder += " of the project " + t.HolderProject
		}
		d := &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Host port is taken",
			Detail: fmt.Sprintf("%s would publish host port %s, but %s holds it, so apply of this plan would stop before its first step. Stop that container (docker stop %s), or publish another port.",
				t.User, t.Host, holder, t.Holder),
			Subject: spec.DeclRange.Ptr(),
		}
		if svc := spec.Services[name]; svc != nil {
			d.Subject = portRange(svc, t.Port).Ptr()
		}
		diags = append(diags, d)
	}
	return diags
}

// portRange is the declaration of the service's port that the binding
// "host_ip:published:target/protocol" comes from, or the service's.
func portRange(svc *lang.Service, binding string) hcl.Range {
	for _, p := range svc.Ports {
		if p.Published == 0 || p.DeclRange.Empty() {
			continue
		}
		for i := 1; i <= max(svc.Replicas, 1); i++ {
			if compose.PortString(p.HostIP, p.Published+i-1, p.Target, p.Protocol) == binding {
				return p.DeclRange
			}
		}
	}
	return svc.DeclRange
}
