package swarm

import (
	"context"
	"strings"

	"github.com/berth-dev/berth/planner"
)

// A rotation that did not finish (an update rolled back, an interrupted
// apply) leaves the new version of a secret or config beside the one the
// services mount. Observation calls the mounted one the resource and the
// other "name@hash8", which the next plan deletes; when the spec still
// asks for that content, the same plan also creates that very version
// again. The two steps are independent, and a create that ran first found
// the version there and kept it, after which the delete removed it from
// under the services about to mount it. versionDeletes lets such a create
// wait for that delete, so it makes the version anew.

// versionDeletes maps each left-over version that p deletes
// ("secret.pw@763f91db") to a channel closed when its step ends.
func versionDeletes(p *planner.Plan) map[string]chan struct{} {
	out := map[string]chan struct{}{}
	for _, s := range p.Steps {
		c := s.Change
		if s.Op == planner.OpDelete && (c.Type == TypeSecret || c.Type == TypeConfig) && strings.Contains(c.Name, "@") {
			out[c.Address.String()] = make(chan struct{})
		}
	}
	return out
}

// versionKey is the address a version of c's content has when it is
// left over ("secret.pw@763f91db").
func versionKey(c *planner.Change) string {
	return c.Address.String() + "@" + hash8(c.After.Attrs.String(attrContent))
}

// awaitVersionDelete waits until the plan's delete of the version that
// create step c makes, if it has one, has ended.
func (x *executor) awaitVersionDelete(ctx context.Context, c *planner.Change) error {
	ch, ok := x.versionDeletes[versionKey(c)]
	if !ok {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// versionDeleted marks the delete step of c's version ended.
func (x *executor) versionDeleted(c *planner.Change) {
	if ch, ok := x.versionDeletes[c.Address.String()]; ok {
		close(ch)
	}
}
