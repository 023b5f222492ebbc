package swarm

import (
	"context"
	"net"
	"strings"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/planner"
)

// Unplaceable is a service of a plan whose placement constraints match
// none of the swarm's nodes now.
type Unplaceable struct {
	Service     string
	Constraints []string
	Nodes       int
}

// UnplaceableServices names the services that the plan creates, updates
// or replaces and that no node of the swarm can run now: swarm takes the
// service, stops its old tasks as the update goes and keeps the new ones
// pending until a node qualifies (a typo in a label's value takes every
// replica down; failure_action does not apply, as no task fails).
func (b *Backend) UnplaceableServices(ctx context.Context, p *planner.Plan) ([]Unplaceable, error) {
	var out []Unplaceable
	var nodes []swarm.Node
	listed := false
	for c := range changedServices(p) {
		cons := c.After.Attrs.List(attrConstraints)
		if len(cons) == 0 {
			continue
		}
		if !listed {
			var err error
			if nodes, err = b.cli.NodeList(ctx, swarm.NodeListOptions{}); err != nil {
				return nil, err
			}
			listed = true
		}
		placeable := false
		for _, n := range nodes {
			if nodeMatches(cons, n) {
				placeable = true
				break
			}
		}
		if !placeable {
			out = append(out, Unplaceable{Service: c.Name, Constraints: cons, Nodes: len(nodes)})
		}
	}
	return out, nil
}

// StuckHostPort is a service of a plan whose rolling update cannot start:
// it publishes Port in host mode, updates start-first, and every one of
// the Nodes that can run it will hold one of its Replicas.
type StuckHostPort struct {
	Service         string
	Port            uint32
	Replicas, Nodes int
}

// StuckHostPortUpdates names the services whose update the plan makes
// roll their tasks start-first while their host-mode port is bound on
// every node that can run them: each new task needs a node where the port
// is free before an old one stops, and there is none, so swarm keeps it
// pending for ever.
func (b *Backend) StuckHostPortUpdates(ctx context.Context, p *planner.Plan) ([]StuckHostPort, error) {
	var out []StuckHostPort
	var nodes []swarm.Node
	listed := false
	for c := range changedServices(p) {
		if c.Action != planner.Update || !rollsTasks(c.Reasons) {
			continue
		}
		d, err := defFromAttrs(c.After.Attrs)
		if err != nil {
			return nil, err
		}
		if c.Before == nil {
			continue
		}
		before, err := defFromAttrs(c.Before.Attrs)
		if err != nil {
			return nil, err
		}
		port, ok := startFirstHostPort(d, before)
		if !ok {
			continue
		}
		if !listed {
			if nodes, err = b.cli.NodeList(ctx, swarm.NodeListOptions{}); err != nil {
				return nil, err
			}
			listed = true
		}
		eligible := 0
		for _, n := range nodes {
			if n.Status.State == swarm.NodeStateReady && n.Spec.Availability == swarm.NodeAvailabilityActive && nodeMatches(d.Constraints, n) {
				eligible++
			}
		}
		if eligible > 0 && int(d.Replicas) >= eligible {
			out = append(out, StuckHostPort{Service: c.Name, Port: port, Replicas: int(d.Replicas), Nodes: eligible})
		}
	}
	return out, nil
}

// startFirstHostPort is a host-mode port that a service updating
// start-first publishes both before and after the update: the old tasks
// hold it where they run while the new ones need it.
func startFirstHostPort(after, before *serviceDef) (uint32, bool) {
	if after.Update.Order != "start-first" {
		return 0, false
	}
	for _, p := range after.Ports {
		if p.Mode != "host" || p.Published == 0 {
			continue
		}
		for _, o := range before.Ports {
			if o.Mode == "host" && o.Published == p.Published && o.Protocol == p.Protocol {
				return p.Published, true
			}
		}
	}
	return 0, false
}

// nodeMatches says whether node n satisfies every constraint, as swarm's
// scheduler reads them (swarmkit manager/constraint): keys are case
// insensitive, values compared case insensitively, a missing label is
// the empty value, an unknown key matches no node.
func nodeMatches(constraints []string, n swarm.Node) bool {
	for _, c := range constraints {
		key, value, eq, ok := splitConstraint(c)
		if !ok {
			return false
		}
		match := func(whats ...string) bool {
			m := false
			for _, w := range whats {
				if strings.EqualFold(value, w) {
					m = true
					break
				}
			}
			return m == eq
		}
		lk := strings.ToLower(key)
		var good bool
		switch {
		case lk == "node.id":
			good = match(n.ID)
		case lk == "node.hostname":
			good = match(n.Description.Hostname)
		case lk == "node.role":
			good = match(string(n.Spec.Role))
		case lk == "node.platform.os":
			good = match(n.Description.Platform.OS)
		case lk == "node.platform.arch":
			good = match(n.Description.Platform.Architecture)
		case lk == "node.ip":
			good = ipMatches(value, n.Status.Addr) == eq
		case strings.HasPrefix(lk, "node.labels.") && len(lk) > len("node.labels."):
			good = match(n.Spec.Labels[key[len("node.labels."):]])
		case strings.HasPrefix(lk, "engine.labels.") && len(lk) > len("engine.labels."):
			good = match(n.Description.Engine.Labels[key[len("engine.labels."):]])
		default:
			good = false
		}
		if !good {
			return false
		}
	}
	return true
}

// splitConstraint parses KEY==VALUE or KEY!=VALUE.
func splitConstraint(c string) (key, value string, eq, ok bool) {
	i := strings.Index(c, "==")
	if j := strings.Index(c, "!="); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return "", "", false, false
	}
	return strings.TrimSpace(c[:i]), strings.TrimSpace(c[i+2:]), c[i] == '=', true
}

// ipMatches: value is an address or a network (CIDR) holding addr.
func ipMatches(value, addr string) bool {
	ip := net.ParseIP(addr)
	if ip == nil {
		return false
	}
	if _, network, err := net.ParseCIDR(value); err == nil {
		return network.Contains(ip)
	}
	if v := net.ParseIP(value); v != nil {
		return v.Equal(ip)
	}
	return false
}
