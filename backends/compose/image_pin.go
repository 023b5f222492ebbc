package compose

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/berth-dev/berth/planner"
)

// attrImageID is where a container the plan creates records the id of
// the image its image name named when the plan was made. It is not a
// spec attribute: PinImages adds it after planning, so it is neither
// compared nor hashed; the plan file carries it in the change's after.
const attrImageID = "image_id"

// PinImages records, in each container the plan creates, the id of the
// image its name names now. A plan file is reviewed for those images:
// when the name names another one by the time the plan is applied (a
// docker tag, a rebuild), apply refuses it as stale rather than run an
// image nobody saw in the plan (checkPinnedImages). An image the engine
// lacks is not pinned; apply builds, pulls or refuses it. Nor is berth's
// emulator image, whose tag is the hash of the binary it holds.
func (b *Backend) PinImages(ctx context.Context, p *planner.Plan) error {
	idOf := b.idsNow(ctx)
	for _, c := range createdContainers(p) {
		ref := c.After.Attrs.String("image")
		if strings.HasPrefix(ref, emulatorRepo+":") {
			continue
		}
		id, err := idOf(ref)
		if err != nil {
			return err
		}
		if id != "" {
			c.After.Attrs.Set(attrImageID, id)
		}
	}
	return nil
}

// checkPinnedImages refuses, before any step, a plan one of whose new
// containers would run another image than the one its name named when
// the plan was made.
func (b *Backend) checkPinnedImages(ctx context.Context, p *planner.Plan) error {
	idOf := b.idsNow(ctx)
	then, now := map[string]string{}, map[string]string{}
	users := map[string][]string{}
	for _, c := range createdContainers(p) {
		ref, pinned := c.After.Attrs.String("image"), c.After.Attrs.String(attrImageID)
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

// idsNow returns what gives the id an image name names now ("" when the
// engine has no such image), asking the engine once per name.
func (b *Backend) idsNow(ctx context.Context) func(ref string) (string, error) {
	ids := map[string]string{}
	return func(ref string) (string, error) {
		if id, ok := ids[ref]; ok {
			return id, nil
		}
		img, err := b.cli.ImageInspect(ctx, ref)
		if err != nil && !isNotFound(err) {
			return "", err
		}
		ids[ref] = img.ID
		return img.ID, nil
	}
}

// createdContainers are the changes of containers the plan creates, once
// each.
func createdContainers(p *planner.Plan) []*planner.Change {
	var out []*planner.Change
	for _, s := range p.Steps {
		if s.Op == planner.OpCreate && s.Change.Type == TypeContainer && s.Change.After != nil {
			out = append(out, s.Change)
		}
	}
	return out
}
