package swarm

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// Apply implements backends.Backend: it copies the images the plan's
// services need to every node, walks the plan's steps (backends.Execute),
// and makes each service step wait until swarm has converged the service:
// its tasks running (healthy, with a check) and its update completed. A
// rollback, an update paused on failure, or no convergence within
// opts.Wait fails the step with the service's task error.
//
// A swarm step is a few API calls and then a wait on the swarm's
// scheduler and nodes. opts.Parallelism caps the steps that talk to the
// manager at once; a step that only waits holds no slot, so every step
// whose dependencies are done waits at the same time (twenty services
// converge together, not sixteen and then four).
func (b *Backend) Apply(ctx context.Context, p *planner.Plan, opts backends.ApplyOptions) (*backends.Result, error) {
	if err := b.checkManager(ctx); err != nil {
		return nil, err
	}
	if err := b.CheckPinnedImages(ctx, p); err != nil {
		return nil, err
	}
	if opts.Wait <= 0 {
		opts.Wait = backends.DefaultWait
	}
	if opts.Parallelism <= 0 {
		opts.Parallelism = defaultParallelism
	}
	if err := b.pushImages(ctx, p, opts.Progress); err != nil {
		return nil, err
	}
	if err := b.distributeImages(ctx, p, opts.Progress); err != nil {
		return nil, err
	}
	poll := b.Poll
	if poll <= 0 {
		poll = 200 * time.Millisecond
	}
	x := &executor{
		b: b, cli: b.cli, project: p.Project, opts: opts, interrupt: ctx,
		calls: make(chan struct{}, opts.Parallelism),
		watch: newWatcher(b.cli, poll, p.Project), nodes: nodeNames(ctx, b.cli),
		pins: newImagePins(b.cli), versionDeletes: versionDeletes(p),
	}
	defer x.watch.close()
	opts.Progress.Plan(p)
	res := backends.Execute(ctx, p, max(len(p.Steps), 1), opts.Progress, x.run)
	if res.OK() && destroysProject(p) {
		b.tidyNodes(ctx, p, res, opts.Progress)
	}
	return res, nil
}

// defaultParallelism caps the steps talking to the manager at once when
// the caller sets no cap.
const defaultParallelism = backends.DefaultParallelism

// executor carries out one step at a time; it decides nothing the plan
// did not say.
type executor struct {
	b       *Backend
	cli     *client.Client
	project string
	opts    backends.ApplyOptions
	calls   chan struct{} // a slot per step talking to the manager (opts.Parallelism)
	watch   *watcher
	nodes   map[string]string
	pins    *imagePins // images without a registry run by their id
	// versionDeletes: the left-over secret and config versions the plan
	// deletes, each closed when its delete ends (op_file_order.go).
	versionDeletes map[string]chan struct{}
	// interrupt is apply's own context: the steps get one that an
	// interrupt does not cancel (a call in flight finishes), but a wait
	// for convergence ends with it, as compose's wait for health does.
	interrupt context.Context
}

// waitContext bounds a wait of a step by d and by the interrupt.
func (x *executor) waitContext(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, d)
	if x.interrupt == nil {
		return ctx, cancel
	}
	stop := context.AfterFunc(x.interrupt, cancel)
	return ctx, func() { stop(); cancel() }
}

func (x *executor) run(ctx context.Context, s *planner.Step) error {
	c := s.Change
	switch c.Type {
	case TypeNetwork:
		return x.call(ctx, func() error { return x.network(ctx, s) })
	case TypeSecret, TypeConfig:
		switch s.Op {
		case planner.OpCreate:
			if err := x.awaitVersionDelete(ctx, c); err != nil {
				return err
			}
		case planner.OpDelete:
			defer x.versionDeleted(c)
		}
		return x.call(ctx, func() error { return x.file(ctx, s) })
	case TypeService:
		return x.service(ctx, s)
	}
	return fmt.Errorf("the swarm backend has no resource type %q", c.Type)
}

// call runs f, which talks to the manager, in one of the opts.Parallelism
// slots.
func (x *executor) call(ctx context.Context, f func() error) error {
	select {
	case x.calls <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-x.calls }()
	return f()
}

// nodeNames maps node ids to hostnames, for messages.
func nodeNames(ctx context.Context, cli *client.Client) map[string]string {
	out := map[string]string{}
	nodes, err := cli.NodeList(ctx, swarm.NodeListOptions{})
	if err != nil {
		return out
	}
	for _, n := range nodes {
		out[n.ID] = n.Description.Hostname
	}
	return out
}

// destroysProject reports whether p deletes every service and creates
// nothing: berth destroy, after which the volumes that tasks made on the
// nodes go too (they are no planner resources: swarm makes them per node).
func destroysProject(p *planner.Plan) bool {
	services := 0
	for _, c := range p.Changes {
		if c.After != nil {
			return false
		}
		if c.Type == TypeService {
			services++
		}
	}
	return services > 0
}

// tidyNodes follows a destroy onto the nodes: it waits for the project's
// containers to go and removes the volumes its tasks made. Volumes left
// on a node that is down fail the destroy at the service that mounted
// them; a project without volumes only leaves containers there, which
// swarm removes once the node is back, and says so.
func (b *Backend) tidyNodes(ctx context.Context, p *planner.Plan, res *backends.Result, prog *backends.Progress) {
	down, err := b.removeVolumes(ctx, p.Project, prog)
	vs := volumeStep(p)
	if vs == nil {
		vs = p.Steps[len(p.Steps)-1]
	}
	if err != nil {
		res.Unready = append(res.Unready, &backends.StepError{Step: vs, Err: err})
	}
	if len(down) == 0 {
		return
	}
	if volumeStep(p) != nil {
		res.Unready = append(res.Unready, &backends.StepError{Step: vs, Err: leftOn(p.Project, down)})
		return
	}
	prog.Printf("%s does not answer (is its node down?): swarm removes the project's containers there once it is back", strings.Join(down, ", "))
}
