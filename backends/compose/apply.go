package compose

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// Apply implements backends.Backend: it walks the plan's steps in parallel
// (backends.Execute), then waits until every container the plan made or
// changed is running, or healthy when it has a health check.
func (b *Backend) Apply(ctx context.Context, p *planner.Plan, opts backends.ApplyOptions) (*backends.Result, error) {
	start := time.Now()
	x := &executor{cli: b.cli, project: p.Project, contents: opts.Contents}
	if x.project == "" {
		return nil, fmt.Errorf("the plan names no project")
	}
	if err := x.checkContents(p); err != nil {
		return nil, err
	}
	if err := b.checkBinds(ctx, p); err != nil {
		return nil, err
	}
	if err := b.checkTakenNames(ctx, p); err != nil {
		return nil, err
	}
	if err := b.checkHostPorts(ctx, p); err != nil {
		return nil, err
	}
	if err := b.checkImages(ctx, p, opts.Pull, opts.Progress); err != nil {
		return nil, err
	}
	if err := b.CheckPinnedImages(ctx, p); err != nil {
		return nil, err
	}
	opts.Progress.Plan(p)
	res := backends.Execute(ctx, p, opts.Parallelism, opts.Progress, x.step)
	if res.OK() {
		wait := opts.Wait
		if wait <= 0 {
			wait = backends.DefaultWait
		}
		res.Unready = x.waitReady(ctx, p, res, wait, opts.Progress)
	}
	res.Elapsed = time.Since(start) // the steps and the wait: what the summary reports
	// Best effort: the record only words the next plan.
	backends.RecordUnfinished(x.project, p, res)
	if len(res.Done) == len(p.Steps) && res.OK() {
		x.tidyProjectDir()
	}
	return res, nil
}

// executor carries out single steps. Everything it does follows from the
// step's before and after attributes.
type executor struct {
	cli      *client.Client
	project  string
	contents map[planner.Address][]byte
}

func (x *executor) step(ctx context.Context, s *planner.Step) error {
	c := s.Change
	switch c.Type {
	case TypeNetwork:
		return x.network(ctx, s.Op, c)
	case TypeVolume:
		return x.volume(ctx, s.Op, c)
	case TypeSecret, TypeConfig:
		return x.file(s.Op, c)
	case TypeContainer:
		return x.container(ctx, s.Op, c)
	}
	return fmt.Errorf("the compose backend has no resource type %q", c.Type)
}

// tidyProjectDir removes the project's state directory once it holds no
// file (after a destroy).
func (x *executor) tidyProjectDir() {
	dir := backends.ProjectDir(x.project)
	for _, sub := range []string{"secrets", "configs", ""} {
		os.Remove(dir + "/" + sub) // only succeeds when empty
	}
}
