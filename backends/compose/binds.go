package compose

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/berth-dev/berth/planner"
)

// BindSource is a bind mount's host path that does not exist, with the
// new containers that would mount it.
type BindSource struct {
	Path  string
	Users []planner.Address
}

// MissingBindSources returns, sorted by path, the bind sources of the
// plan's new containers that do not exist. Docker refuses to create a
// container whose bind source is missing (berth mounts binds as the bind
// type, like `docker run --mount`), and by then a replacement has deleted
// the container it replaces: apply checks first, plan warns. The paths
// are looked up on this machine, so only when the engine runs here (a
// local socket, and the engine's host name is this host's); otherwise the
// engine alone can tell, and this returns nothing.
func (b *Backend) MissingBindSources(ctx context.Context, p *planner.Plan) ([]BindSource, error) {
	users := map[string][]planner.Address{}
	for _, s := range p.Steps {
		if s.Op != planner.OpCreate || s.Change.Type != TypeContainer || s.Change.After == nil {
			continue
		}
		for _, m := range s.Change.After.Attrs.List("mounts") {
			if src, ok := bindSource(m); ok {
				users[src] = append(users[src], s.Change.Address)
			}
		}
	}
	if len(users) == 0 || !b.engineIsLocal(ctx) {
		return nil, nil
	}
	var out []BindSource
	for path, us := range users {
		if _, err := os.Stat(path); err != nil && os.IsNotExist(err) {
			sort.Slice(us, func(i, j int) bool { return us[i].Less(us[j]) })
			out = append(out, BindSource{Path: path, Users: us})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// checkBinds refuses a plan whose new containers mount a bind source that
// does not exist, before any step runs.
func (b *Backend) checkBinds(ctx context.Context, p *planner.Plan) error {
	missing, err := b.MissingBindSources(ctx, p)
	if err != nil || len(missing) == 0 {
		return err
	}
	var lines, paths []string
	for _, m := range missing {
		names := make([]string, len(m.Users))
		for i, u := range m.Users {
			names[i] = u.String()
		}
		lines = append(lines, fmt.Sprintf("  %s, mounted by %s", m.Path, strings.Join(names, ", ")))
		paths = append(paths, m.Path)
	}
	return fmt.Errorf("the bind source of a mount does not exist, and Docker does not create it:\n%s\nNothing was done. Create it first (mkdir -p %s), or change the mount's source", strings.Join(lines, "\n"), strings.Join(paths, " "))
}

// bindSource returns the host path of a "bind:<path>:<target>[:ro]" mount.
func bindSource(m string) (string, bool) {
	typ, rest, _ := strings.Cut(m, ":")
	if typ != "bind" {
		return "", false
	}
	rest = strings.TrimSuffix(rest, ":ro")
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return "", false
	}
	return rest[:i], true
}

// engineIsLocal tells whether the engine runs on this machine, so that a
// path here is a path there: it answers on a unix socket, and its host
// name is this host's (an engine reached through a socket mounted into a
// CI job's container is not).
func (b *Backend) engineIsLocal(ctx context.Context) bool {
	if !strings.HasPrefix(b.cli.DaemonHost(), "unix://") {
		return false
	}
	host, err := os.Hostname()
	if err != nil {
		return false
	}
	info, err := b.cli.Info(ctx)
	return err == nil && info.Name == host
}
