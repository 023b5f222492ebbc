package compose

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/mount"
	"golang.org/x/sync/errgroup"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// observeContainers inspects every container of the project (a few at a
// time) and the images they run, for the defaults an image fills in.
func (b *Backend) observeContainers(ctx context.Context, project string) ([]*planner.ObservedResource, error) {
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
	list, err := b.cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
	if err != nil {
		return nil, err
	}
	list = slices.DeleteFunc(list, func(c container.Summary) bool { return !composeOwned(c.Labels) })
	out := make([]*planner.ObservedResource, len(list))
	images := &imageCache{cli: b, m: map[string]*imageDefaults{}, ids: map[string][2]string{}}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(32)
	for i, s := range list {
		g.Go(func() error {
			ins, err := b.cli.ContainerInspect(gctx, s.ID)
			if err != nil {
				if isNotFound(err) {
					return nil // removed while we looked
				}
				return err
			}
			img := images.get(gctx, ins.Image)
			r := observeContainer(project, ins, img)
			if now, created := images.idOf(gctx, ins.Config.Image); now != "" && now != ins.Image {
				r.Attrs.Set("image", movedTag(ins.Config.Image, imageBuild{ins.Image, img.created}, imageBuild{now, created}))
			}
			out[i] = r
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(out, func(r *planner.ObservedResource) bool { return r == nil }), nil
}

// composeOwned reports whether a container labelled with the project is
// this backend's: one it made (io.berth.backend=compose), or one with no
// io.berth.backend at all, made by hand or by an older berth, which
// destroy must not leave behind unseen. Without io.berth.resource it is
// observed at container.<its name>, which no spec declares, so plan and
// destroy delete it, or at the replica its name is (P-X-n), which the
// plan replaces. A swarm task (swarm's to remove) is not.
func composeOwned(labels map[string]string) bool {
	if b, ok := labels[backends.LabelBackend]; ok {
		return b == "compose"
	}
	_, task := labels["com.docker.swarm.task.id"]
	return !task
}

// defaultPath is the PATH the engine sets in a container whose image
// defines none (a FROM scratch image).
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// imageDefaults are what an image puts in its containers' config.
type imageDefaults struct {
	cmd    []string
	env    map[string]string
	labels map[string]string
	health map[string]string
	// created is when the image was created, as the engine gives it
	// (RFC 3339); "" when unknown.
	created string
}

type imageCache struct {
	cli *Backend
	mu  sync.Mutex
	m   map[string]*imageDefaults
	ids map[string][2]string // image name → the id it names now ("" when unknown), and its creation time
}

// idOf returns the id of the image name names now and when it was
// created (as the engine gives it), or "" when the engine does not have it.
func (c *imageCache) idOf(ctx context.Context, name string) (id, created string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ref, ok := c.ids[name]; ok {
		return ref[0], ref[1]
	}
	if img, err := c.cli.cli.ImageInspect(ctx, name); err == nil {
		id, created = img.ID, img.Created
	}
	c.ids[name] = [2]string{id, created}
	return id, created
}

func (c *imageCache) get(ctx context.Context, id string) *imageDefaults {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.m[id]; ok {
		return d
	}
	d := &imageDefaults{}
	if img, err := c.cli.cli.ImageInspect(ctx, id); err == nil && img.Config != nil {
		d.created = img.Created
		d.cmd = img.Config.Cmd
		d.env = envMap(img.Config.Env)
		d.labels = img.Config.Labels
		d.health = healthOf(img.Config.Healthcheck)
	}
	if _, ok := d.env["PATH"]; !ok {
		// The engine gives a container this PATH when its image sets none.
		if d.env == nil {
			d.env = map[string]string{}
		}
		d.env["PATH"] = defaultPath
	}
	c.m[id] = d
	return d
}

func observeContainer(project string, ins container.InspectResponse, img *imageDefaults) *planner.ObservedResource {
	cfg, hc := ins.Config, ins.HostConfig
	labels := cfg.Labels
	r := &planner.ObservedResource{ID: ins.ID, ConfigHash: labels[backends.LabelConfigHash]}
	r.Address = addressOf(labels, TypeContainer, strings.TrimPrefix(ins.Name, "/"))
	r.Group, r.Index = labels[backends.LabelService], atoi(labels[backends.LabelIndex])
	if _, ok := labels[backends.LabelResource]; !ok {
		// Only the project's label (see composeOwned): named as a
		// replica, it is that replica, which the plan replaces rather
		// than create another beside it under the same name.
		if svc, n, ok := replicaOfName(project, strings.TrimPrefix(ins.Name, "/")); ok {
			r.Address, r.Group, r.Index = containerAddr(svc, n), svc, n
		}
	}
	r.Status = statusOf(ins)
	r.Unready = unreadyWhy(ins.State)
	a := planner.Attrs{}
	a.Set("image", cfg.Image)
	if !slices.Equal(cfg.Cmd, img.cmd) {
		a.Set("command", []string(cfg.Cmd))
	}
	a.Set("env", without(envMap(cfg.Env), img.env))
	a.Set("labels", without(userLabels(labels), img.labels))
	if h := healthOf(cfg.Healthcheck); !mapsEqual(h, img.health) {
		a.Set("health", h)
	}
	a.Set("ports", portsOf(hc))
	a.Set("restart", restartOf(hc.RestartPolicy))
	if hc.NanoCPUs > 0 {
		a.Set("cpus", strconv.FormatFloat(float64(hc.NanoCPUs)/1e9, 'f', -1, 64))
	}
	a.Set("memory", hc.Memory)
	state := ins.State.Status
	if state == "restarting" {
		state = "running"
	}
	done := completedJob(ins.State, hc.RestartPolicy)
	if !done {
		a.Set("state", state)
	}
	if note, ok := stateNote(ins.State); ok && !done {
		r.Notes = map[string]planner.AttrNote{"state": note}
	}
	a.Set("networks", networksOf(project, ins))
	name, want := strings.TrimPrefix(ins.Name, "/"), ContainerName(project, r.Group, r.Index)
	a.Set("name", name)
	if name != want && r.Group != "" {
		if r.Notes == nil {
			r.Notes = map[string]planner.AttrNote{}
		}
		r.Notes["name"] = planner.AttrNote{Why: "renamed outside berth", Outside: true}
	}
	mounts, secrets, configs := mountsOf(project, hc.Mounts)
	a.Set("mounts", mounts)
	a.Set("secrets", secrets)
	a.Set("configs", configs)
	r.Attrs = a
	r.Defaults = planner.Attrs{}
	r.Defaults.Set("command", img.cmd)
	r.Defaults.Set("env", img.env)
	r.Defaults.Set("labels", img.labels)
	r.Defaults.Set("health", img.health)
	if done { // no state: the one it is in is the one asked for
		r.Defaults.Set("state", "running")
	}
	for n := range secrets {
		r.Sensitive = append(r.Sensitive, "secrets."+n)
	}
	sort.Strings(r.Sensitive)
	r.Deps = observedDeps(a)
	return r
}

// observedDeps are the resources an observed container uses, so the plan
// deletes it before them.
func observedDeps(a planner.Attrs) []planner.Dep {
	var deps []planner.Dep
	for _, n := range a.List("networks") {
		deps = append(deps, planner.Dep{To: planner.Address{Type: TypeNetwork, Name: n}, Kind: planner.DepUses})
	}
	for _, m := range a.List("mounts") {
		if rest, ok := strings.CutPrefix(m, "volume:"); ok {
			name, _, _ := strings.Cut(rest, ":")
			deps = append(deps, planner.Dep{To: planner.Address{Type: TypeVolume, Name: name}, Kind: planner.DepUses})
		}
	}
	for _, kind := range []string{TypeSecret, TypeConfig} {
		for _, n := range sortedKeys(a.Map(kind + "s")) {
			deps = append(deps, planner.Dep{To: planner.Address{Type: kind, Name: n}, Kind: planner.DepUses})
		}
	}
	return deps
}

// statusOf is a container's status as berth status lists it: "running
// (healthy)", "exited (137)". The engine keeps the last health status of
// a container that stopped, so only a running one shows it: a stopped one
// read "exited (unhealthy)", without its exit code.
func statusOf(ins container.InspectResponse) string {
	s := ins.State.Status
	if neverStarted(ins.State) {
		return "created, never started"
	}
	if ins.State.Running && ins.State.Health != nil && ins.State.Health.Status != "" {
		s += " (" + ins.State.Health.Status + ")"
	}
	if s == "exited" {
		s += " (" + strconv.Itoa(ins.State.ExitCode) + ")"
	}
	return s
}

func envMap(env []string) map[string]string {
	m := make(map[string]string, len(env))
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

// without drops the entries of m that equal the image's own.
func without(m, image map[string]string) map[string]string {
	for k, v := range m {
		if iv, ok := image[k]; ok && iv == v {
			delete(m, k)
		}
	}
	return m
}

func healthOf(h *container.HealthConfig) map[string]string {
	if h == nil || len(h.Test) == 0 {
		return nil
	}
	return HealthAttr(h.Test, h.Interval, h.Timeout, h.StartPeriod, h.Retries)
}

func portsOf(hc *container.HostConfig) []string {
	var out []string
	for p, bindings := range hc.PortBindings {
		for _, b := range bindings {
			hp, _ := strconv.Atoi(b.HostPort)
			out = append(out, PortString(b.HostIP, hp, p.Int(), p.Proto()))
		}
	}
	sort.Strings(out)
	return out
}

func restartOf(p container.RestartPolicy) string {
	switch p.Name {
	case "", "no":
		return "no"
	case "on-failure":
		if p.MaximumRetryCount > 0 {
			return "on-failure:" + strconv.Itoa(p.MaximumRetryCount)
		}
	}
	return string(p.Name)
}

// networksOf returns the container's networks by their spec names (the
// project's), or by engine name for networks berth does not own.
func networksOf(project string, ins container.InspectResponse) []string {
	if ins.NetworkSettings == nil {
		return nil
	}
	var out []string
	for name := range ins.NetworkSettings.Networks {
		out = append(out, specName(project, name))
	}
	sort.Strings(out)
	return out
}

func specName(project, engineName string) string {
	if n, ok := strings.CutPrefix(engineName, project+"_"); ok {
		return n
	}
	return engineName
}

// mountsOf sorts the requested mounts into volumes and binds, and the
// secret and config files berth mounts (recognised by their path).
func mountsOf(project string, ms []mount.Mount) (mounts []string, secrets, configs map[string]string) {
	secrets, configs = map[string]string{}, map[string]string{}
	secretDir := filepath.Dir(FilePath(project, TypeSecret, "x", "y"))
	configDir := filepath.Dir(FilePath(project, TypeConfig, "x", "y"))
	for _, m := range ms {
		ro := ""
		if m.ReadOnly {
			ro = ":ro"
		}
		switch {
		case m.Type == mount.TypeVolume:
			mounts = append(mounts, "volume:"+specName(project, m.Source)+":"+m.Target+ro)
		case m.Type == mount.TypeBind && filepath.Dir(m.Source) == secretDir && m.Target == MountTarget(TypeSecret, fileName(m.Source)):
			secrets[fileName(m.Source)] = "sha256:" + fileHash(m.Source)
		case m.Type == mount.TypeBind && filepath.Dir(m.Source) == configDir && m.Target == MountTarget(TypeConfig, fileName(m.Source)):
			configs[fileName(m.Source)] = "sha256:" + fileHash(m.Source)
		default:
			mounts = append(mounts, string(m.Type)+":"+m.Source+":"+m.Target+ro)
		}
	}
	sort.Strings(mounts)
	return mounts, secrets, configs
}

func fileName(path string) string { n, _, _ := splitVersion(filepath.Base(path)); return n }
func fileHash(path string) string { _, h, _ := splitVersion(filepath.Base(path)); return h }

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
