package swarm

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/errdefs"

	"github.com/berth-dev/berth/planner"
)

// file creates or deletes one version of a secret or config. The content
// comes from the Desired the plan was made with, or, for a saved plan,
// from the file again, which must still have the planned hash.
func (x *executor) file(ctx context.Context, s *planner.Step) error {
	c := s.Change
	switch s.Op {
	case planner.OpCreate:
		content, err := x.content(c)
		if err != nil {
			return err
		}
		hash := c.After.Attrs.String(attrContent)
		ann := swarm.Annotations{
			Name: versionedName(x.project, c.Name, hash),
			Labels: map[string]string{
				LabelProject: x.project, LabelResource: c.Address.String(), LabelConfigHash: c.AfterHash,
				LabelContentHash: hash, LabelBackend: "swarm", LabelStack: x.project,
			},
		}
		if c.Type == TypeSecret {
			_, err = x.cli.SecretCreate(ctx, swarm.SecretSpec{Annotations: ann, Data: content})
		} else {
			_, err = x.cli.ConfigCreate(ctx, swarm.ConfigSpec{Annotations: ann, Data: content})
		}
		if errdefs.IsConflict(err) {
			return nil // this version exists already (a re-run after an interrupted apply)
		}
		return err
	case planner.OpDelete:
		remove := x.cli.SecretRemove
		if c.Type == TypeConfig {
			remove = x.cli.ConfigRemove
		}
		return retryInUse(ctx, 30*time.Second, func() error {
			err := remove(ctx, c.Before.ID)
			if errdefs.IsNotFound(err) {
				return nil
			}
			return err
		})
	}
	return fmt.Errorf("a %s cannot be %sd in place: swarm keeps it immutable", c.Type, s.Op)
}

func (x *executor) content(c *planner.Change) ([]byte, error) {
	if b, ok := x.opts.Contents[c.Address]; ok {
		return b, nil
	}
	if c.After.Source == "" {
		return nil, fmt.Errorf("the plan has no content for %s: apply it from the spec directory", c.Address)
	}
	b, err := os.ReadFile(c.After.Source)
	if err != nil {
		return nil, err
	}
	if h := planner.ContentHash(x.project, b); h != c.After.Attrs.String(attrContent) {
		return nil, fmt.Errorf("%s changed since the plan was made (hash %s, planned %s): plan again", c.After.Source, h, c.After.Attrs.String(attrContent))
	}
	return b, nil
}
