package compose

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/berth-dev/berth/planner"
)

// FileMode is the mode of the secret and config files berth mounts.
const FileMode = 0o444

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

// file writes or removes one version of a secret or config, named by its
// hash: a 0444 file in 0700 directories. The directories keep the other
// users of this machine out; the file is bind-mounted as it is, so its own
// mode is what the container sees, and 0444 lets whatever user the image
// runs as read it (as swarm's secrets, 0444 by default). 0400 left it to
// the owner, root, and a program that runs as another user (postgres,
// node...) could not read its password file.
func (x *executor) file(op planner.Op, c *planner.Change) error {
	switch op {
	case planner.OpCreate:
		path := FilePath(x.project, c.Type, c.Name, c.After.Attrs.String("content"))
		dir := filepath.Dir(path)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		if err := os.Chmod(dir, 0o700); err != nil { // it keeps the 0444 files to their owner
			return err
		}
		tmp := path + ".tmp"
		os.Remove(tmp)
		if err := os.WriteFile(tmp, x.contents[c.Address], FileMode); err != nil {
			return err
		}
		if err := os.Chmod(tmp, FileMode); err != nil { // whatever the umask
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
