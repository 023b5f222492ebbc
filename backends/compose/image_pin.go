package compose

import (
	"context"
	"strings"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// PinImages records, in each container the plan creates, the id of the
// image its name names now (backends.PinImages). A plan file is reviewed
// for those images: when the name names another one by the time the plan
// is applied (a docker tag, a rebuild), apply refuses it as stale rather
// than run an image nobody saw in the plan (CheckPinnedImages). berth's
// emulator image is not pinned: its tag is the hash of the binary it
// holds.
func (b *Backend) PinImages(ctx context.Context, p *planner.Plan) error {
	return backends.PinImages(ctx, b.cli, createdContainers(p), func(ref string) bool {
		return strings.HasPrefix(ref, emulatorRepo+":")
	})
}

// CheckPinnedImages refuses, before any step, a plan one of whose new
// containers would run another image than the one its name named when
// the plan was made. Apply checks it; apply of a plan file checks it
// first too, so a stale plan is refused before it is shown.
func (b *Backend) CheckPinnedImages(ctx context.Context, p *planner.Plan) error {
	return backends.CheckPinnedImages(ctx, b.cli, createdContainers(p))
}

// createdContainers are the changes of containers the plan creates.
func createdContainers(p *planner.Plan) []*planner.Change {
	return backends.StepChanges(p, TypeContainer, planner.OpCreate)
}
