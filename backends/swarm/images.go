package swarm

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/docker/docker/client"
	"github.com/docker/docker/errdefs"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/planner"
)

// nodeAnswerTimeout bounds the question whether a node has an image: an
// engine that accepts and never answers (a frozen daemon, a partitioned
// node) is skipped as one that is down, instead of holding the apply.
var nodeAnswerTimeout = 15 * time.Second

// distributeImages copies every image that the plan's created or updated
// services run, names no registry and exists on the manager, to each node
// that lacks it (docker save → docker load over the Engine API, in
// parallel). Images with a registry are pulled by the nodes as usual.
func (b *Backend) distributeImages(ctx context.Context, p *planner.Plan, prog *backends.Progress) error {
	refs := localImages(p)
	if len(refs) == 0 {
		return nil
	}
	var have []string
	ids := map[string]string{} // the manager's id of each, which the services run
	for _, ref := range refs {
		if img, err := b.cli.ImageInspect(ctx, ref); err == nil {
			have = append(have, ref)
			ids[ref] = img.ID
		} else if !errdefs.IsNotFound(err) {
			return fmt.Errorf("image %s: %w", ref, err)
		}
	}
	if len(have) == 0 {
		return nil
	}
	if len(b.nodes) == 0 {
		return b.warnSingleCopy(ctx, have, prog)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(b.nodes))
	for i, n := range b.nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, ref := range have {
				// By id: a node whose tag names an older build of the
				// image has no task's image.
				ictx, cancel := context.WithTimeout(ctx, nodeAnswerTimeout)
				_, err := n.ImageInspect(ictx, ids[ref])
				cancel()
				if err == nil {
					continue // most applies: the node has it already
				}
				if client.IsErrConnectionFailed(err) || (ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded)) {
					// A node that is down gets no tasks; the apply must
					// not fail for it (a scale-up after a node loss).
					prog.Printf("warning: %s does not answer, so %v are not copied to it: tasks swarm places there once it is back cannot start until an apply copies them", n.DaemonHost(), have)
					return
				}
				start := time.Now()
				prog.Printf("image %s: copying to %s", ref, n.DaemonHost())
				if err := emulator.CopyImage(ctx, b.cli, n, ref, ids[ref]); err != nil {
					errs[i] = fmt.Errorf("copy %s to %s: %w", ref, n.DaemonHost(), err)
					return
				}
				prog.Printf("image %s: copied to %s (%s)", ref, n.DaemonHost(), time.Since(start).Round(10*time.Millisecond))
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// warnSingleCopy says, when no node engines are known and the swarm has
// more than one node, that tasks placed elsewhere will not find the image.
func (b *Backend) warnSingleCopy(ctx context.Context, refs []string, prog *backends.Progress) error {
	info, err := b.cli.Info(ctx)
	if err != nil || info.Swarm.Nodes <= 1 {
		return nil
	}
	prog.Printf("warning: %v exist only on the manager and no registry is named: tasks on the other %d nodes cannot start. "+
		"Set %s to the nodes' engines (DOCKER_HOST values) so berth copies them, or push them to a registry.",
		refs, info.Swarm.Nodes-1, EnvNodes)
	return nil
}

// localImages are the images of created and updated services that name no
// registry, sorted.
func localImages(p *planner.Plan) []string {
	seen := map[string]bool{}
	for c := range changedServices(p) {
		if ref := c.After.Attrs.String(attrImage); ref != "" && !namesRegistry(ref) {
			seen[ref] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// changedServices yields the plan's services that are created, updated or
// replaced.
func changedServices(p *planner.Plan) iter.Seq[*planner.Change] {
	return func(yield func(*planner.Change) bool) {
		for _, c := range p.Changes {
			if c.Type != TypeService || c.After == nil || (c.Action != planner.Create && c.Action != planner.Update && c.Action != planner.Replace) {
				continue
			}
			if !yield(c) {
				return
			}
		}
	}
}
