package compose

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/berth-dev/berth/planner"
)

// checkContents makes sure the content of every secret and config the
// plan creates is at hand and is the one the plan was made with, before
// any step runs. Contents come from the Desired the plan was made with, or
// (a plan file) from each resource's Source file.
func (x *executor) checkContents(p *planner.Plan) error {
	if x.contents == nil {
		x.contents = map[planner.Address][]byte{}
	}
	for _, s := range p.Steps {
		c := s.Change
		if s.Op != planner.OpCreate || (c.Type != TypeSecret && c.Type != TypeConfig) {
			continue
		}
		want := c.After.Attrs.String("content")
		content, ok := x.contents[c.Address]
		if !ok {
			if c.After.Source == "" {
				return fmt.Errorf("the %s %q comes from a variable, which a plan file does not carry; apply the spec directory instead", c.Type, c.Name)
			}
			var err error
			if content, err = os.ReadFile(c.After.Source); err != nil {
				return fmt.Errorf("the %s %q: %w", c.Type, c.Name, err)
			}
		}
		if got := planner.ContentHash(x.project, content); got != want {
			return fmt.Errorf("the %s %q changed since the plan was made (its hash is now %s, the plan has %s): plan again", c.Type, c.Name, got, want)
		}
		x.contents[c.Address] = content
	}
	return nil
}

// file writes or removes one version of a secret or config: a 0400 file in
// a 0700 directory, named by its hash.
func (x *executor) file(op planner.Op, c *planner.Change) error {
	switch op {
	case planner.OpCreate:
		path := FilePath(x.project, c.Type, c.Name, c.After.Attrs.String("content"))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
		tmp := path + ".tmp"
		os.Remove(tmp)
		if err := os.WriteFile(tmp, x.contents[c.Address], 0o400); err != nil {
			return err
		}
		return os.Rename(tmp, path)
	case planner.OpDelete:
		err := os.Remove(c.Before.ID)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	return fmt.Errorf("a %s cannot be updated in place", c.Type)
}
