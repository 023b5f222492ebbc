package backends

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/planner"
)

// AttrImageID is where a change that makes or updates something from an
// image records the id its image name named when the plan was made. It
// is not a spec attribute: a backend's PinImages adds it after planning,
// so it is neither compared nor hashed; a plan file carries it in the
// change's after, and apply of the file checks it (CheckPinnedImages).
const AttrImageID = "image_id"

// PinImages records, in the after of each change, the id of the image its
// "image" attribute names now, unless skip says the reference is not
// pinned (berth's emulator image, whose tag is the hash of the binary it
// holds; a registry's, resolved elsewhere) or the engine lacks it (apply
// builds, pulls or refuses it).
func PinImages(ctx context.Context, cli *client.Client, changes []*planner.Change, skip func(ref string) bool) error {
	idOf := idsNow(ctx, cli)
	for _, c := range changes {
		ref := c.After.Attrs.String("image")
		if ref == "" || skip(ref) {
			continue
		}
		id, err := idOf(ref)
		if err != nil {
			return err
		}
		if id != "" {
			c.After.Attrs.Set(AttrImageID, id)
		}
	}
	return nil
}

// CheckPinnedImages refuses, before any step, a plan one of whose changes
// would run another image than the one its name named when the plan was
// made (docker tag, a rebuild): the plan was reviewed for that image.
func CheckPinnedImages(ctx context.Context, cli *client.Client, changes []*planner.Change) error {
	idOf := idsNow(ctx, cli)
	then, now := map[string]string{}, map[string]string{}
	users := map[string][]string{}
	for _, c := range changes {
		ref, pinned := c.After.Attrs.String("image"), c.After.Attrs.String(AttrImageID)
		if pinned == "" {
			continue
		}
		id, err := idOf(ref)
		if err != nil {
			return err
		}
		if id != pinned {
			then[ref], now[ref] = pinned, id
			users[ref] = append(users[ref], c.Address.String())
		}
	}
	if len(users) == 0 {
		return nil
	}
	var lines []string
	for ref, addrs := range users {
		is := "no image: it was removed"
		if now[ref] != "" {
			is = shortImageID(now[ref])
		}
		sort.Strings(addrs)
		lines = append(lines, fmt.Sprintf("  %s names %s now, not %s as when the plan was made (%s would run it)", ref, is, shortImageID(then[ref]), strings.Join(addrs, ", ")))
	}
	sort.Strings(lines)
	return fmt.Errorf("the plan is stale: images it runs name other images than when it was made (docker tag, or a rebuild):\n%s\nNothing was done. Run berth plan again", strings.Join(lines, "\n"))
}

// StepChanges are the changes of the plan's steps of one of ops on
// resources of type typ that have an after, once each.
func StepChanges(p *planner.Plan, typ string, ops ...planner.Op) []*planner.Change {
	var out []*planner.Change
	for _, s := range p.Steps {
		if s.Change.Type == typ && s.Change.After != nil && slices.Contains(ops, s.Op) {
			out = append(out, s.Change)
		}
	}
	return out
}

// idsNow returns what gives the id an image name names now ("" when the
// engine has no such image), asking the engine once per name.
func idsNow(ctx context.Context, cli *client.Client) func(ref string) (string, error) {
	ids := map[string]string{}
	return func(ref string) (string, error) {
		if id, ok := ids[ref]; ok {
			return id, nil
		}
		img, err := cli.ImageInspect(ctx, ref)
		if err != nil && !cerrdefs.IsNotFound(err) {
			return "", err
		}
		ids[ref] = img.ID
		return img.ID, nil
	}
}

// shortImageID is an image id as docker images prints it.
func shortImageID(id string) string {
	id = strings.TrimPrefix(id, "sha256:")
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
