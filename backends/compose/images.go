package compose

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/berth-dev/berth/planner"
)

// emulatorRepo is the repository of berth's emulator images
// (backends/emulator.ImageRepo).
const emulatorRepo = "berth-emulator"

// checkImages makes sure every image the plan's new containers run is on
// the engine before any step runs: berth never pulls. A missing emulator
// image is built (it is berth's own); any other missing image is an error
// naming it.
func (b *Backend) checkImages(ctx context.Context, p *planner.Plan) error {
	images := map[string]bool{}
	for _, s := range p.Steps {
		if s.Op == planner.OpCreate && s.Change.Type == TypeContainer {
			images[s.Change.After.Attrs.String("image")] = true
		}
	}
	var missing []string
	for ref := range images {
		if ref == b.ensured {
			continue // Target has just made sure of it
		}
		if _, err := b.cli.ImageInspect(ctx, ref); err == nil {
			continue
		} else if !isNotFound(err) {
			return err
		}
		if strings.HasPrefix(ref, emulatorRepo+":") && b.EnsureEmulatorImage != nil {
			built, err := b.EnsureEmulatorImage(ctx, b.cli)
			if err != nil {
				return err
			}
			if built != ref {
				return fmt.Errorf("the plan runs the emulator image %s, but this berth's emulator is %s: plan again with this berth", ref, built)
			}
			continue
		}
		missing = append(missing, ref)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("the engine has no image %s, and berth never pulls: build or load it first (docker build, docker load)", strings.Join(missing, ", "))
	}
	return nil
}
