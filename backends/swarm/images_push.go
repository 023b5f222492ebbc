package swarm

import (
	"context"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/docker/docker/errdefs"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/planner"
)

// pushImages pushes the emulator image to the registry the plan's services
// run it from (berth.registry), from the manager's engine, where Target
// built it. The services then name that registry, so the manager resolves
// the tag to a digest (QueryRegistry) and every node pulls it by digest.
// Only the emulator image is pushed: images the spec names are the user's
// to build and push.
func (b *Backend) pushImages(ctx context.Context, p *planner.Plan, prog *backends.Progress) error {
	for _, remote := range registryEmulatorImages(p) {
		local := path.Base(remote) // berth-emulator:<hash>
		if _, err := b.cli.ImageInspect(ctx, local); errdefs.IsNotFound(err) {
			return fmt.Errorf("image %s: the manager has no %s to push (plan and apply with the same berth, or run `berth plan` again to build it)", remote, local)
		} else if err != nil {
			return fmt.Errorf("image %s: %w", local, err)
		}
		start := time.Now()
		prog.Printf("image %s: pushing", remote)
		digest, err := backends.PushImage(ctx, b.cli, local, remote)
		if err != nil {
			return fmt.Errorf("%w (is the registry reachable from the manager %s, and listed in its insecure-registries when it speaks plain HTTP?)", err, b.cli.DaemonHost())
		}
		prog.Printf("image %s: pushed %s (%s)", remote, digest, time.Since(start).Round(10*time.Millisecond))
	}
	return nil
}

// registryEmulatorImages are the emulator images under a registry that the
// plan's services start to run (created, or updated or replaced to a new
// image), sorted and unique.
func registryEmulatorImages(p *planner.Plan) []string {
	seen := map[string]bool{}
	for c := range changedServices(p) {
		ref := c.After.Attrs.String(attrImage)
		if c.Before != nil && c.Before.Attrs.String(attrImage) == ref {
			continue // the registry has it since the service runs it
		}
		if namesRegistry(ref) && strings.HasPrefix(path.Base(ref), emulator.ImageRepo+":") {
			seen[ref] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}
