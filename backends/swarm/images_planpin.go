package swarm

import (
	"context"
	"strings"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/planner"
)

// PinImages records, in each service the plan creates or updates, the id
// the manager gives its image name now (backends.PinImages), for the
// images apply runs by the manager's id (images_pin.go): apply of a plan
// file refuses it when the name names another image by then (a docker
// tag, a rebuild), where it ran an image the plan never showed. An image
// named by a registry (swarm resolves its digest), by id, or berth's
// emulator image (its tag is the hash of its binary) is not pinned.
func (b *Backend) PinImages(ctx context.Context, p *planner.Plan) error {
	return backends.PinImages(ctx, b.cli, serviceChanges(p), func(ref string) bool {
		return namesRegistry(ref) || isImageID(ref) || strings.HasPrefix(ref, emulator.ImageRepo+":")
	})
}

// CheckPinnedImages refuses, before any step, a plan one of whose
// services would run another image than the one its name named on the
// manager when the plan was made. Apply checks it; apply of a plan file
// checks it first too, so a stale plan is refused before it is shown.
func (b *Backend) CheckPinnedImages(ctx context.Context, p *planner.Plan) error {
	return backends.CheckPinnedImages(ctx, b.cli, serviceChanges(p))
}

// serviceChanges are the changes of services the plan creates or
// updates.
func serviceChanges(p *planner.Plan) []*planner.Change {
	return backends.StepChanges(p, TypeService, planner.OpCreate, planner.OpUpdate)
}
