package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/swarm"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// placementChecker is a backend that can tell which services of a plan
// no node can run now (swarm: their tasks would stay pending).
type placementChecker interface {
	UnplaceableServices(ctx context.Context, p *planner.Plan) ([]swarm.Unplaceable, error)
}

// unplaceableDiags warns, at each service's placement, about the services
// the plan creates or updates whose constraints match none of the swarm's
// nodes (see warnPreflight): apply would stop their running tasks and
// wait for a node that qualifies.
func unplaceableDiags(ctx context.Context, be any, spec *lang.Spec, p *planner.Plan) hcl.Diagnostics {
	list := preflightFinds(be, func(c placementChecker) ([]swarm.Unplaceable, error) { return c.UnplaceableServices(ctx, p) })
	var diags hcl.Diagnostics
	for _, u := range list {
		d := &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Placement constraints that no node matches",
			Detail: fmt.Sprintf("None of the swarm's %d nodes matches every constraint of service %q (%s), so apply of this plan would leave its tasks pending (\"no suitable node\"), stopping the ones that run now, until a node qualifies, and fail after 30 s. Check the constraints against `docker node inspect`, or label a node first (docker node update --label-add KEY=VALUE NODE).",
				u.Nodes, u.Service, strings.Join(u.Constraints, ", ")),
		}
		if svc := spec.Services[u.Service]; svc != nil {
			d.Subject = orPlacement(svc).Ptr()
		}
		diags = append(diags, d)
	}
	return diags
}

func orPlacement(svc *lang.Service) hcl.Range {
	if svc.Placement.DeclRange.Filename != "" {
		return svc.Placement.DeclRange
	}
	return svc.DeclRange
}

// hostPortChecker is a backend that can tell which updates of a plan
// cannot start (swarm: start-first with a host-mode port on every node).
type hostPortChecker interface {
	StuckHostPortUpdates(ctx context.Context, p *planner.Plan) ([]swarm.StuckHostPort, error)
}

// stuckHostPortDiags warns, at each service, about the updates that would wait for a node where the host-mode port is free
// (see warnPreflight and docs/swarm.md).
func stuckHostPortDiags(ctx context.Context, be any, spec *lang.Spec, p *planner.Plan) hcl.Diagnostics {
	list := preflightFinds(be, func(c hostPortChecker) ([]swarm.StuckHostPort, error) { return c.StuckHostPortUpdates(ctx, p) })
	var diags hcl.Diagnostics
	for _, u := range list {
		d := &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Start-first update with a host-mode port on every node",
			Detail: fmt.Sprintf("Service %q publishes port %d in host mode and updates start-first, and its %d replicas hold that port on each of the %d nodes that can run it: a new task needs a node where the port is free before an old one stops, and there is none, so apply of this plan would wait for one and fail after 30 s, the update left pending. Use order = \"stop-first\", or fewer replicas than nodes.",
				u.Service, u.Port, u.Replicas, u.Nodes),
		}
		if svc := spec.Services[u.Service]; svc != nil {
			d.Subject = svc.DeclRange.Ptr()
		}
		diags = append(diags, d)
	}
	return diags
}
