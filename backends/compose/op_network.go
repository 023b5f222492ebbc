package compose

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// labels returns the labels berth puts on an object it makes for c.
func (x *executor) labels(c *planner.Change, user map[string]string) map[string]string {
	l := map[string]string{}
	for k, v := range user {
		l[k] = v
	}
	l[backends.LabelProject] = x.project
	l[backends.LabelResource] = c.Address.String()
	l[backends.LabelConfigHash] = c.AfterHash
	l[backends.LabelBackend] = "compose"
	l[backends.ComposeProject] = x.project
	return l
}

func (x *executor) network(ctx context.Context, op planner.Op, c *planner.Change) error {
	switch op {
	case planner.OpCreate:
		a := c.After.Attrs
		l := x.labels(c, a.Map("labels"))
		l[backends.ComposeNetwork] = c.Name
		_, err := x.cli.NetworkCreate(ctx, NetworkName(x.project, c.Name), network.CreateOptions{
			Driver: a.String("driver"), Internal: a.Bool("internal"), Attachable: a.Bool("attachable"), Labels: l,
		})
		return err
	case planner.OpDelete:
		return x.removeNetwork(ctx, c.Before.ID)
	}
	return fmt.Errorf("a network cannot be updated in place")
}

// NetworkReleaseWait bounds how long a network delete retries while the
// engine still counts endpoints of containers just removed: a busy engine
// releases them late (seconds under load), a stale count never.
const NetworkReleaseWait = 30 * time.Second

// removeNetwork removes a network, retrying "active endpoints" (with
// backoff up to 1 s) until NetworkReleaseWait has passed. When the engine
// still refuses, and lists no container on the network, it says so: that
// is dockerd's stale endpoint count (moby/moby#43286), which only a
// restart of the engine clears.
func (x *executor) removeNetwork(ctx context.Context, id string) error {
	deadline := time.Now().Add(NetworkReleaseWait)
	for wait := 50 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		err := x.cli.NetworkRemove(ctx, id)
		if isNotFound(err) {
			return nil
		}
		if err == nil || !strings.Contains(err.Error(), "active endpoints") {
			return err
		}
		if names := x.foreignUsers(ctx, id); len(names) > 0 {
			return fmt.Errorf("%w: containers that are not the project's use it: %s (they keep it in use: disconnect them with docker network disconnect, or remove them, then run berth again)", err, strings.Join(names, ", "))
		}
		if time.Now().Add(wait).After(deadline) {
			if n, ierr := x.cli.NetworkInspect(ctx, id, network.InspectOptions{}); ierr == nil && len(n.Containers) == 0 {
				return fmt.Errorf("%w (after %s, with no container on it: the engine counts endpoints no container holds, a known dockerd bug, moby/moby#43286; restarting dockerd clears it)", err, NetworkReleaseWait)
			}
			return err
		}
		time.Sleep(wait)
	}
}

// foreignUsers returns the names of the containers on network id that
// are not the project's: they will not leave it, so waiting is in vain.
func (x *executor) foreignUsers(ctx context.Context, id string) []string {
	n, err := x.cli.NetworkInspect(ctx, id, network.InspectOptions{})
	if err != nil {
		return nil
	}
	var names []string
	for cid, ep := range n.Containers {
		c, err := x.cli.ContainerInspect(ctx, cid)
		if err != nil || c.Config == nil || c.Config.Labels[backends.LabelProject] == x.project {
			continue
		}
		names = append(names, ep.Name)
	}
	sort.Strings(names)
	return names
}

func (x *executor) volume(ctx context.Context, op planner.Op, c *planner.Change) error {
	switch op {
	case planner.OpCreate:
		a := c.After.Attrs
		l := x.labels(c, a.Map("labels"))
		l[backends.ComposeVolume] = c.Name
		name := VolumeName(x.project, c.Name)
		v, err := x.cli.VolumeCreate(ctx, volume.CreateOptions{Name: name, Driver: a.String("driver"), Labels: l})
		if err == nil && v.Labels[backends.LabelProject] != x.project {
			// the engine handed back a volume of that name made since the
			// plan by someone else (TakenNames refuses one made before)
			return fmt.Errorf("a volume named %s exists that berth did not make (it has no %s=%s label): remove it if its data may go (docker volume rm %s)", name, backends.LabelProject, x.project, name)
		}
		return err
	case planner.OpDelete:
		err := x.cli.VolumeRemove(ctx, c.Before.ID, false)
		if isNotFound(err) {
			return nil
		}
		if err != nil && isConflict(err) {
			if names := x.foreignVolumeUsers(ctx, c.Before.ID); len(names) > 0 {
				return fmt.Errorf("%w: containers that are not the project's use it: %s (they keep it in use: remove them with docker rm -f, then run berth again)", err, strings.Join(names, ", "))
			}
		}
		return err
	}
	return fmt.Errorf("a volume cannot be updated in place")
}

// foreignVolumeUsers returns the names of the containers, running or not,
// that mount the volume and are not the project's: berth removes none of
// them, so the volume stays in use until someone does.
func (x *executor) foreignVolumeUsers(ctx context.Context, name string) []string {
	cs, err := x.cli.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("volume", name))})
	if err != nil {
		return nil
	}
	var names []string
	for _, c := range cs {
		if c.Labels[backends.LabelProject] != x.project {
			names = append(names, strings.TrimPrefix(firstName(c.Names), "/"))
		}
	}
	sort.Strings(names)
	return names
}
