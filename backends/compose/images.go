package compose

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// emulatorRepo is the repository of berth's emulator images
// (backends/emulator.ImageRepo).
const emulatorRepo = "berth-emulator"

// checkImages makes sure every image the plan's new containers run is on
// the engine before any step runs. A missing emulator image is built (it
// is berth's own); any other missing image is pulled when pull is
// PullMissing, and otherwise an error naming it: by default berth never
// pulls.
func (b *Backend) checkImages(ctx context.Context, p *planner.Plan, pull string, prog *backends.Progress) error {
	missing, err := b.missingImages(ctx, p, true)
	if err != nil || len(missing) == 0 {
		return err
	}
	if pull != backends.PullMissing {
		return fmt.Errorf("the engine has no image %s, and berth does not pull unless asked: build or load it first (docker build, docker load), or apply with --pull missing", strings.Join(missing, ", "))
	}
	return pullImages(ctx, b.cli, missing, prog)
}

// MissingImages returns, sorted, the images that the plan's new
// containers run and the engine does not have, berth's emulator image
// left out (apply builds it). Plan warns about them; apply refuses them
// unless it may pull.
func (b *Backend) MissingImages(ctx context.Context, p *planner.Plan) ([]string, error) {
	return b.missingImages(ctx, p, false)
}

// missingImages lists the images of the plan's new containers that the
// engine lacks. With build, a missing emulator image is built instead of
// listed; without, it is skipped.
func (b *Backend) missingImages(ctx context.Context, p *planner.Plan, build bool) ([]string, error) {
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
			return nil, err
		}
		if strings.HasPrefix(ref, emulatorRepo+":") && b.EnsureEmulatorImage != nil {
			if !build {
				continue
			}
			built, err := b.EnsureEmulatorImage(ctx, b.cli)
			if err != nil {
				return nil, err
			}
			if built != ref {
				return nil, fmt.Errorf("the plan runs the emulator image %s, but this berth's emulator is %s: plan again with this berth", ref, built)
			}
			continue
		}
		missing = append(missing, ref)
	}
	sort.Strings(missing)
	return missing, nil
}

// pullImages pulls refs into the engine, all at once, with a line per
// image as it starts and ends.
func pullImages(ctx context.Context, cli *client.Client, refs []string, prog *backends.Progress) error {
	errs := make([]error, len(refs))
	var wg sync.WaitGroup
	for i, ref := range refs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			prog.Printf("image %s: pulling", ref)
			if errs[i] = backends.PullImage(ctx, cli, ref); errs[i] == nil {
				prog.Printf("image %s: pulled (%s)", ref, time.Since(start).Round(10*time.Millisecond))
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
