package swarm

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/swarm"
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
			if err != nil && inUse(err) {
				if users := x.foreignNetworkUsers(ctx, c.Before.ID); len(users) > 0 {
					return &foreignUsers{fmt.Errorf("network %s cannot be removed: %s outside the project %q %s attached to it; detach %s (docker service update --network-rm %s SERVICE) or remove %s, then run berth again",
						objectName(x.project, c.Name), strings.Join(users, ", "), x.project, isAre(len(users)), itThem(len(users)), objectName(x.project, c.Name), itThem(len(users)))}
				}
			}
			return err
		})
	}
	return fmt.Errorf("a network cannot be %sd in place", s.Op)
}

// foreignUsers is the error of a network that something outside the
// project uses: no retry makes it free.
type foreignUsers struct{ err error }

func (e *foreignUsers) Error() string { return e.err.Error() }

// foreignNetworkUsers names the services outside the project attached to
// the network ("service foreign"); nil when none is, or they cannot be
// listed.
func (x *executor) foreignNetworkUsers(ctx context.Context, id string) []string {
	svcs, err := x.cli.ServiceList(ctx, swarm.ServiceListOptions{})
	if err != nil {
		return nil
	}
	return networkUsersOutside(svcs, x.project, id)
}

// networkUsersOutside names the services of svcs attached to network id
// that are not the project's own swarm services, sorted.
func networkUsersOutside(svcs []swarm.Service, project, id string) []string {
	var out []string
	for _, s := range svcs {
		if s.Spec.Labels[LabelProject] == project && s.Spec.Labels[LabelBackend] == "swarm" {
			continue // the project's own: its removal frees the network
		}
		nets := append(append([]swarm.NetworkAttachmentConfig(nil), s.Spec.TaskTemplate.Networks...), s.Spec.Networks...) // Spec.Networks: older engines
		for _, n := range nets {
			if n.Target == id {
				out = append(out, "service "+s.Spec.Name)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// retryInUse retries f while the engine says the object is still in use
// (a removed service's tasks still hold their network endpoints for a
// moment), up to limit. A user outside the project (foreignUsers) ends
// it at once.
func retryInUse(ctx context.Context, limit time.Duration, f func() error) error {
	deadline := time.Now().Add(limit)
	for {
		err := f()
		var fu *foreignUsers
		if err == nil || !inUse(err) || errors.As(err, &fu) || time.Now().After(deadline) {
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
