package swarm

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/docker/client"
	"github.com/docker/docker/errdefs"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// removeVolumes waits until every node berth knows (the manager and
// BERTH_SWARM_NODES) has no container of the project left, and removes
// the volumes the project's tasks made there. An engine that does not
// answer (its node is down) is skipped and returned in down: swarm
// removes its containers when it is back, its volumes stay; the others
// are cleaned all the same.
func (b *Backend) removeVolumes(ctx context.Context, project string, prog *backends.Progress) (down []string, err error) {
	engines := append([]*client.Client{b.cli}, b.nodes...)
	seen := map[string]bool{}
	var errs []error
	for _, e := range engines {
		if seen[e.DaemonHost()] {
			continue
		}
		seen[e.DaemonHost()] = true
		n, err := removeNodeVolumes(ctx, e, project)
		if client.IsErrConnectionFailed(err) || (ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded)) {
			down = append(down, e.DaemonHost())
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("volumes on %s: %w", e.DaemonHost(), err))
		}
		if n > 0 {
			prog.Printf("removed %d volumes of %s on %s", n, project, e.DaemonHost())
		}
	}
	return down, errors.Join(errs...)
}

// leftOn is the error of volumes left on engines that did not answer.
func leftOn(project string, down []string) error {
	return fmt.Errorf("the volumes of %s on %s are left: the engine does not answer (is its node down?); run berth destroy again once it is back",
		project, strings.Join(down, ", "))
}

// volumeStep is the last step of p that deletes a service mounting a
// volume: the one a volume left on a node is reported at. nil when no
// deleted service mounts one, and there is nothing to remove.
func volumeStep(p *planner.Plan) *planner.Step {
	var last *planner.Step
	for _, s := range p.Steps {
		if s.Op != planner.OpDelete || s.Change.Type != TypeService || s.Change.Before == nil {
			continue
		}
		for _, m := range s.Change.Before.Attrs.List(attrMounts) {
			if strings.HasPrefix(m, "volume:") {
				last = s
				break
			}
		}
	}
	return last
}

func removeNodeVolumes(ctx context.Context, cli *client.Client, project string) (int, error) {
	cf := filters.NewArgs(filters.Arg("label", LabelStack+"="+project))
	deadline := time.Now().Add(60 * time.Second)
	for {
		lctx, cancel := context.WithTimeout(ctx, nodeAnswerTimeout) // a node that never answers counts as down
		cs, err := cli.ContainerList(lctx, container.ListOptions{All: true, Filters: cf})
		cancel()
		if err != nil {
			return 0, err
		}
		if len(cs) == 0 {
			break
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("%d containers of the project are still there after 60s", len(cs))
		}
		time.Sleep(250 * time.Millisecond)
	}
	vols, err := cli.VolumeList(ctx, volume.ListOptions{Filters: filters.NewArgs(filters.Arg("label", LabelProject+"="+project))})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, v := range vols.Volumes {
		if err := cli.VolumeRemove(ctx, v.Name, false); err != nil && !errdefs.IsNotFound(err) {
			return n, err
		}
		n++
	}
	return n, nil
}
