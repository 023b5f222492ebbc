package swarm

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/client"
	"golang.org/x/sync/errgroup"

	"github.com/berth-dev/berth/planner"
)

// LabelContentHash holds a secret's or config's salted content hash (the
// value the plan shows), never the content.
const LabelContentHash = "io.berth.content-hash"

// Observe takes one snapshot of everything the project owns in the swarm
// that cli manages, by the io.berth.project label, in the Target's
// attribute space. Each service's Status says how many of its tasks run,
// and how many were lost with a node that is down.
func Observe(ctx context.Context, cli *client.Client, project string) (*planner.Observed, error) {
	return observe(ctx, cli, project, nil)
}

// observe is Observe; said, when not nil, says what a failed task's
// health check said, for a service's last failure (Backend.Observe).
func observe(ctx context.Context, cli *client.Client, project string, said func(*swarm.Task) string) (*planner.Observed, error) {
	f := projectFilter(project)
	var (
		nets     []network.Summary
		secrets  []swarm.Secret
		configs  []swarm.Config
		services []swarm.Service
		nodes    []swarm.Node
		tasks    map[string][]swarm.Task
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { nets, err = cli.NetworkList(gctx, network.ListOptions{Filters: f}); return })
	g.Go(func() (err error) { secrets, err = cli.SecretList(gctx, swarm.SecretListOptions{Filters: f}); return })
	g.Go(func() (err error) { configs, err = cli.ConfigList(gctx, swarm.ConfigListOptions{Filters: f}); return })
	g.Go(func() (err error) {
		services, err = cli.ServiceList(gctx, swarm.ServiceListOptions{Filters: f})
		return
	})
	g.Go(func() (err error) { nodes, err = cli.NodeList(gctx, swarm.NodeListOptions{}); return })
	g.Go(func() (err error) { tasks, err = projectTaskHistory(gctx, cli, project); return })
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("observe project %q: %w", project, err)
	}

	imageIDs, err := askedImageIDs(ctx, cli, services)
	if err != nil {
		return nil, fmt.Errorf("observe project %q: %w", project, err)
	}
	obs := &planner.Observed{Project: project}
	netNames := map[string]string{}
	for _, n := range nets {
		r := observeNetwork(n)
		netNames[n.ID] = r.Name
		obs.Resources = append(obs.Resources, r)
	}
	inUse := map[string]bool{} // version names mounted by some service
	env := observeEnv{Project: project, Networks: netNames, ImageIDs: imageIDs}
	health := nodeHealth(nodes)
	for _, s := range services {
		r, def := observeService(s, env)
		st, full := taskStatus(def.Replicas, tasks[s.ID], health, said)
		if done := completedSlots(tasks[s.ID], time.Time{}); !full && oneShot(def.Restart.Condition) && done > 0 &&
			runningTasks(tasks[s.ID])+done >= def.Replicas {
			st, full = fmt.Sprintf("%s, %d completed (exit 0)", st, done), true // a one-shot job's work is done
		}
		r.Status = st + updateStatus(s)
		if !full || updateUnderway(s) {
			r.Unready = r.Status
		}
		for _, ref := range append(def.Secrets, def.Configs...) {
			inUse[ref.Version] = true
		}
		obs.Resources = append(obs.Resources, r)
	}
	var files []versionedObject
	for _, s := range secrets {
		files = append(files, versionedObject{TypeSecret, s.ID, s.Spec.Annotations, s.CreatedAt.UnixNano()})
	}
	for _, c := range configs {
		files = append(files, versionedObject{TypeConfig, c.ID, c.Spec.Annotations, c.CreatedAt.UnixNano()})
	}
	obs.Resources = append(obs.Resources, observeVersions(files, inUse)...)
	obs.Sort()
	return obs, nil
}

// projectTaskHistory are the tasks of the project's services, by service id,
// the recent history included (a task swarm shut down on a node that died
// tells the status which replica was lost). Tasks carry their service's
// labels, so one request selects them by project, beside the listings of
// the services.
func projectTaskHistory(ctx context.Context, cli *client.Client, project string) (map[string][]swarm.Task, error) {
	tasks, err := cli.TaskList(ctx, swarm.TaskListOptions{Filters: projectFilter(project)})
	if err != nil {
		return nil, err
	}
	out := map[string][]swarm.Task{}
	for _, t := range tasks {
		out[t.ServiceID] = append(out[t.ServiceID], t)
	}
	return out, nil
}

// projectFilter selects the project's swarm objects by label (a task by
// its service's): a compose deployment of the same project on the
// manager's engine (its bridge networks) is not this project's.
func projectFilter(project string) filters.Args {
	return filters.NewArgs(filters.Arg("label", LabelProject+"="+project), filters.Arg("label", LabelBackend+"=swarm"))
}

// addressOf reads the planner address a berth object carries, falling back
// to typ and the name with the project prefix cut.
func addressOf(labels map[string]string, typ, name, project string) planner.Address {
	if a, err := planner.ParseAddress(labels[LabelResource]); err == nil && a.Type == typ {
		return a
	}
	return planner.Address{Type: typ, Name: strings.TrimPrefix(name, project+"_")}
}

func observeNetwork(n network.Summary) *planner.ObservedResource {
	project := n.Labels[LabelProject]
	def := networkDef{Driver: n.Driver, Internal: n.Internal, Attachable: n.Attachable}
	for k, v := range n.Labels {
		if !ownLabel(k) {
			if def.Labels == nil {
				def.Labels = map[string]string{}
			}
			def.Labels[k] = v
		}
	}
	return &planner.ObservedResource{
		Resource:   planner.Resource{Address: addressOf(n.Labels, TypeNetwork, n.Name, project), Attrs: def.attrs()},
		ID:         n.ID,
		ConfigHash: n.Labels[LabelConfigHash],
		Status:     n.Scope + " " + n.Driver,
	}
}

func observeService(s swarm.Service, env observeEnv) (*planner.ObservedResource, *serviceDef) {
	def := defFromSwarm(s.Spec, env)
	addr := addressOf(s.Spec.Labels, TypeService, s.Spec.Name, env.Project)
	r := &planner.ObservedResource{
		Resource:   planner.Resource{Address: addr, Group: addr.Name, Attrs: def.attrs()},
		ID:         s.ID,
		ConfigHash: s.Spec.Labels[LabelConfigHash],
	}
	if st := pausedUpdate(s); st != "" {
		r.Attrs.Set(attrUpdateStatus, st)
	}
	for _, n := range def.Networks {
		r.Deps = append(r.Deps, planner.Dep{To: planner.Address{Type: TypeNetwork, Name: n}, Kind: planner.DepUses})
	}
	for _, f := range def.Secrets {
		r.Deps = append(r.Deps, planner.Dep{To: planner.Address{Type: TypeSecret, Name: f.Name}, Kind: planner.DepUses})
	}
	for _, f := range def.Configs {
		r.Deps = append(r.Deps, planner.Dep{To: planner.Address{Type: TypeConfig, Name: f.Name}, Kind: planner.DepUses})
	}
	// The services it was started after: a plan that removes one of them
	// (a callee renamed) removes it after this one's update.
	for _, n := range strings.Split(s.Spec.Labels[LabelAfter], ",") {
		if n != "" {
			r.Deps = append(r.Deps, planner.Dep{To: planner.Address{Type: TypeService, Name: n}, Kind: planner.DepStartAfter})
		}
	}
	return r, def
}

// attrUpdateStatus is observed only: the state of an update that swarm
// paused ("paused", "rollback_paused"). The spec is then what the plan
// asked while the tasks do not run it, so the next plan updates the
// service again, which resumes the rollout, instead of calling it
// converged. The desired side never has it.
const attrUpdateStatus = "update_status"

func pausedUpdate(s swarm.Service) string {
	if u := s.UpdateStatus; u != nil && (u.State == swarm.UpdateStatePaused || u.State == swarm.UpdateStateRollbackPaused) {
		return string(u.State)
	}
	return ""
}

// updateStatus is the state of an update that did not complete.
func updateStatus(s swarm.Service) string {
	if u := s.UpdateStatus; u != nil && u.State != swarm.UpdateStateCompleted {
		return fmt.Sprintf(" (update %s)", u.State)
	}
	return ""
}

// updateUnderway reports an update or rollback that has not ended (a
// paused one included). A completed one, or a completed rollback, leaves
// the service as it is; the state stays in UpdateStatus until the next
// update, so it says nothing about readiness.
func updateUnderway(s swarm.Service) bool {
	u := s.UpdateStatus
	return u != nil && u.State != swarm.UpdateStateCompleted && u.State != swarm.UpdateStateRollbackCompleted
}

// versionedObject is a secret or config as listed.
type versionedObject struct {
	typ     string
	id      string
	ann     swarm.Annotations
	created int64
}

// observeVersions turns the versions of secrets and configs into observed
// resources. One version per address is the resource: the one a service
// mounts, else the newest. Other versions (left by an interrupted
// rotation) are observed as "name@hash8", which no desired resource has,
// so the plan deletes them.
func observeVersions(objs []versionedObject, inUse map[string]bool) []*planner.ObservedResource {
	sort.Slice(objs, func(i, j int) bool {
		a, b := objs[i], objs[j]
		if inUse[a.ann.Name] != inUse[b.ann.Name] {
			return inUse[a.ann.Name]
		}
		if a.created != b.created {
			return a.created > b.created
		}
		return a.ann.Name < b.ann.Name
	})
	seen := map[planner.Address]bool{}
	var out []*planner.ObservedResource
	for _, o := range objs {
		project := o.ann.Labels[LabelProject]
		addr := addressOf(o.ann.Labels, o.typ, o.ann.Name, project)
		hash := o.ann.Labels[LabelContentHash]
		if seen[addr] {
			addr.Name += "@" + hash8(hash)
		}
		seen[addr] = true
		r := &planner.ObservedResource{
			Resource:   planner.Resource{Address: addr, Attrs: planner.Attrs{}},
			ID:         o.id,
			ConfigHash: o.ann.Labels[LabelConfigHash],
			Status:     o.ann.Name,
		}
		r.Attrs.Set(attrContent, hash)
		if o.typ == TypeSecret {
			r.Sensitive = []string{attrContent}
		}
		out = append(out, r)
	}
	return out
}
