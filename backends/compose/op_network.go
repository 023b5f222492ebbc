package compose

import (
	"context"
	"fmt"
	"strings"
	"time"

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
		// The engine can lag in releasing the endpoints of containers just
		// removed: retry that error a few times.
		var err error
		for wait := 50 * time.Millisecond; wait < 10*time.Second; wait *= 2 {
			err = x.cli.NetworkRemove(ctx, c.Before.ID)
			if isNotFound(err) {
				return nil
			}
			if err == nil || !strings.Contains(err.Error(), "active endpoints") {
				return err
			}
			time.Sleep(wait)
		}
		return err
	}
	return fmt.Errorf("a network cannot be updated in place")
}

func (x *executor) volume(ctx context.Context, op planner.Op, c *planner.Change) error {
	switch op {
	case planner.OpCreate:
		a := c.After.Attrs
		l := x.labels(c, a.Map("labels"))
		l[backends.ComposeVolume] = c.Name
		_, err := x.cli.VolumeCreate(ctx, volume.CreateOptions{Name: VolumeName(x.project, c.Name), Driver: a.String("driver"), Labels: l})
		return err
	case planner.OpDelete:
		err := x.cli.VolumeRemove(ctx, c.Before.ID, false)
		if isNotFound(err) {
			return nil
		}
		return err
	}
	return fmt.Errorf("a volume cannot be updated in place")
}
