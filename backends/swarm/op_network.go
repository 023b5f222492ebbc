package swarm

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/errdefs"

	"github.com/berth-dev/berth/planner"
)

func (x *executor) network(ctx context.Context, s *planner.Step) error {
	c := s.Change
	switch s.Op {
	case planner.OpCreate:
		def := networkDefFromAttrs(c.After.Attrs)
		labels := maps.Clone(def.Labels)
		if labels == nil {
			labels = map[string]string{}
		}
		maps.Copy(labels, map[string]string{
			LabelProject: x.project, LabelResource: c.Address.String(), LabelConfigHash: c.AfterHash,
			LabelBackend: "swarm", LabelStack: x.project,
		})
		_, err := x.cli.NetworkCreate(ctx, objectName(x.project, c.Name), network.CreateOptions{
			Driver: def.Driver, Scope: "swarm", Internal: def.Internal, Attachable: def.Attachable, Labels: labels,
		})
		return err
	case planner.OpDelete:
		return retryInUse(ctx, 60*time.Second, func() error {
			err := x.cli.NetworkRemove(ctx, c.Before.ID)
			if errdefs.IsNotFound(err) {
				return nil
			}
			return err
		})
	}
	return fmt.Errorf("a network cannot be %sd in place", s.Op)
}

// retryInUse retries f while the engine says the object is still in use
// (a removed service's tasks still hold their network endpoints for a
// moment), up to limit.
func retryInUse(ctx context.Context, limit time.Duration, f func() error) error {
	deadline := time.Now().Add(limit)
	for {
		err := f()
		if err == nil || !inUse(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func inUse(err error) bool {
	s := err.Error()
	return strings.Contains(s, "in use") || strings.Contains(s, "active endpoints")
}
