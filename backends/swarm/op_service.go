package swarm

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/errdefs"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

func (x *executor) service(ctx context.Context, s *planner.Step) error {
	c := s.Change
	switch s.Op {
	case planner.OpCreate:
		return x.createService(ctx, c)
	case planner.OpUpdate:
		return x.updateService(ctx, c)
	case planner.OpDelete:
		return x.deleteService(ctx, c)
	}
	return fmt.Errorf("unknown step %s", s.Op)
}

// buildSpec turns the change's desired attributes into the service spec,
// with the ids of the secret and config versions it mounts.
func (x *executor) buildSpec(ctx context.Context, c *planner.Change) (*serviceDef, swarm.ServiceSpec, error) {
	def, err := defFromAttrs(c.After.Attrs)
	if err != nil {
		return nil, swarm.ServiceSpec{}, err
	}
	env := specEnv{Project: x.project, Name: c.Name, Address: c.Address.String(), ConfigHash: c.AfterHash, After: startsAfter(c.After.Deps)}
	if len(def.Secrets)+len(def.Configs) > 0 {
		if env.SecretIDs, env.ConfigIDs, err = x.versionIDs(ctx); err != nil {
			return nil, swarm.ServiceSpec{}, err
		}
	}
	spec, err := def.swarmSpec(env)
	if err != nil {
		return nil, spec, err
	}
	spec.TaskTemplate.ContainerSpec.Image, err = x.pins.pin(ctx, def.Image)
	return def, spec, err
}

// startsAfter names the services of deps (the ones a service starts
// after), for LabelAfter.
func startsAfter(deps []planner.Dep) []string {
	var out []string
	for _, d := range deps {
		if d.To.Type == TypeService {
			out = append(out, d.To.Name)
		}
	}
	return out
}

// versionIDs maps the names of the project's secret and config versions
// to their ids.
func (x *executor) versionIDs(ctx context.Context) (secrets, configs map[string]string, err error) {
	f := filters.NewArgs(filters.Arg("label", LabelProject+"="+x.project))
	ss, err := x.cli.SecretList(ctx, swarm.SecretListOptions{Filters: f})
	if err != nil {
		return nil, nil, err
	}
	cs, err := x.cli.ConfigList(ctx, swarm.ConfigListOptions{Filters: f})
	if err != nil {
		return nil, nil, err
	}
	secrets, configs = map[string]string{}, map[string]string{}
	for _, s := range ss {
		secrets[s.Spec.Name] = s.ID
	}
	for _, c := range cs {
		configs[c.Spec.Name] = c.ID
	}
	return secrets, configs, nil
}

func (x *executor) createService(ctx context.Context, c *planner.Change) error {
	var (
		def   *serviceDef
		spec  swarm.ServiceSpec
		resp  swarm.ServiceCreateResponse
		start time.Time
	)
	err := x.call(ctx, func() (err error) {
		if def, spec, err = x.buildSpec(ctx, c); err != nil {
			return err
		}
		start = time.Now()
		resp, err = x.cli.ServiceCreate(ctx, spec, swarm.ServiceCreateOptions{QueryRegistry: namesRegistry(def.Image)})
		return err
	})
	if err != nil {
		return err
	}
	x.warnings(c, resp.Warnings)
	return done("created", x.converge(ctx, c, &goal{id: resp.ID, name: spec.Name, replicas: def.Replicas, start: start, nodes: x.nodes,
		oneShot: oneShot(def.Restart.Condition), health: x.healthSaid(ctx)}))
}

// updateService updates the service in place at the version it has now,
// then follows the rolling update swarm makes of it.
func (x *executor) updateService(ctx context.Context, c *planner.Change) error {
	var (
		def   *serviceDef
		spec  swarm.ServiceSpec
		cur   swarm.Service
		resp  swarm.ServiceUpdateResponse
		start time.Time
	)
	err := x.call(ctx, func() (err error) {
		if def, spec, err = x.buildSpec(ctx, c); err != nil {
			return err
		}
		if cur, _, err = x.cli.ServiceInspectWithRaw(ctx, c.Before.ID, swarm.ServiceInspectOptions{}); err != nil {
			return err
		}
		start = time.Now()
		resp, err = x.cli.ServiceUpdate(ctx, cur.ID, cur.Version, spec, swarm.ServiceUpdateOptions{QueryRegistry: namesRegistry(def.Image)})
		return err
	})
	if err != nil {
		return err
	}
	x.warnings(c, resp.Warnings)
	return done("updated", x.converge(ctx, c, &goal{
		id: cur.ID, name: spec.Name, replicas: def.Replicas, start: start, nodes: x.nodes,
		rollout: rollsTasks(c.Reasons), oneShot: oneShot(def.Restart.Condition), health: x.healthSaid(ctx),
	}))
}

// done says that the step's change was made when swarm did not converge
// the service: the next plan finds the service as the step left it.
func done(what string, err error) error {
	var nc *notConverged
	if errors.As(err, &nc) {
		return &backends.MadeError{Err: fmt.Errorf("%s, but %w", what, err)}
	}
	return err
}

// rollsTasks reports whether an update changes the task template, so swarm
// replaces the tasks one batch at a time (update_config) and reports it in
// UpdateStatus. Replicas, labels and the update and rollback settings
// change the service alone.
func rollsTasks(reasons []planner.Reason) bool {
	for _, r := range reasons {
		attr, _, _ := strings.Cut(r.Attribute, ".")
		switch attr {
		case attrReplicas, attrLabels, attrUpdate, attrRollback, "":
		default:
			return true
		}
	}
	return false
}

func (x *executor) converge(ctx context.Context, c *planner.Change, g *goal) error {
	ctx, cancel := x.waitContext(ctx, x.opts.Wait)
	defer cancel()
	x.opts.Progress.Resource(c, backends.PhaseWaiting, fmt.Sprintf("%d/%d tasks run", g.replicas, g.replicas))
	err := g.converge(ctx, x.watch, func(msg string) {
		if !strings.HasPrefix(msg, "converged") {
			x.opts.Progress.Printf("%s: %s", c.Address, msg)
		}
	})
	if err != nil {
		return err // the step's failure line says it, once
	}
	x.opts.Progress.Resource(c, backends.PhaseReady, cmp.Or(g.summary, fmt.Sprintf("%d/%d running", g.replicas, g.replicas)))
	return nil
}

// healthSaid asks the node engines what a task's failed health probe
// said, for a goal's error.
func (x *executor) healthSaid(ctx context.Context) func(*swarm.Task) string {
	return func(t *swarm.Task) string { return x.b.healthSaid(ctx, t) }
}

func (x *executor) warnings(c *planner.Change, ws []string) {
	for _, w := range ws {
		x.opts.Progress.Printf("%s: warning from swarm: %s", c.Address, w)
	}
}

// deleteWait is how long a service's removal waits for its tasks to stop.
const deleteWait = 60 * time.Second

// deleteService removes the service and waits until its tasks are gone,
// so the networks and volumes they used can go too. A task on a node that
// is down is not waited for: its node cannot report it gone until it is
// back (its engine then removes the container), and the networks go
// regardless.
func (x *executor) deleteService(ctx context.Context, c *planner.Change) error {
	var nodes map[string]nodeInfo
	err := x.call(ctx, func() error {
		if list, err := x.cli.NodeList(ctx, swarm.NodeListOptions{}); err == nil {
			nodes = nodeHealth(list)
		}
		if err := x.cli.ServiceRemove(ctx, c.Before.ID); err != nil && !errdefs.IsNotFound(err) {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The engine no longer resolves the removed service's id, so its
	// tasks are followed by the project's label (the watcher's poll).
	ch, cancel := x.watch.subscribe(c.Before.ID)
	defer cancel()
	left, away := 0, map[string]int{}
	wctx, stop := x.waitContext(ctx, deleteWait)
	defer stop()
	for {
		select {
		case <-wctx.Done():
			if ctx.Err() == nil && !errors.Is(wctx.Err(), context.Canceled) {
				x.opts.Progress.Printf("%s: %d tasks still shutting down after %s", c.Address, left, deleteWait)
			}
			return nil
		case snap := <-ch:
			if snap.err != nil {
				continue
			}
			if left, away = tasksLeft(snap.tasks, nodes); left == 0 {
				for _, n := range sortedKeys(away) {
					x.opts.Progress.Printf("%s: %d tasks left on node %s: its engine removes them when it is back", c.Address, away[n], n)
				}
				return nil
			}
		}
	}
}

// tasksLeft counts a removed service's tasks that a node up still runs or
// stops, and those on nodes that are not up, by node ("n3 (down)"). nodes
// nil (unknown) counts every task as left.
func tasksLeft(tasks []swarm.Task, nodes map[string]nodeInfo) (left int, away map[string]int) {
	away = map[string]int{}
	for _, t := range tasks {
		n, known := nodes[t.NodeID]
		if nodes != nil && t.NodeID != "" && (!known || n.state != string(swarm.NodeStateReady)) {
			away[nodeLabel(t.NodeID, n, known)]++
			continue
		}
		left++
	}
	return left, away
}

// namesRegistry reports whether an image reference names a registry
// (backends.NamesRegistry). Only then may swarm resolve it; berth never
// asks Docker Hub about an unqualified name.
func namesRegistry(ref string) bool { return backends.NamesRegistry(ref) }
