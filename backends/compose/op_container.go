package compose

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/go-connections/nat"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// StopTimeout is how long a container gets to exit after SIGTERM before it
// is killed, when it is deleted.
const StopTimeout = 10 * time.Second

func (x *executor) container(ctx context.Context, op planner.Op, c *planner.Change) error {
	switch op {
	case planner.OpCreate:
		return x.createContainer(ctx, c)
	case planner.OpUpdate:
		return x.updateContainer(ctx, c)
	case planner.OpDelete:
		return x.deleteContainer(ctx, c.Before.ID)
	}
	return fmt.Errorf("unknown step %q", op)
}

// createContainer creates the container, joins its networks (with the
// service name as alias) and starts it.
func (x *executor) createContainer(ctx context.Context, c *planner.Change) error {
	a := c.After.Attrs
	cfg, hc, err := x.containerConfig(c)
	if err != nil {
		return err
	}
	nets := a.List("networks")
	nc := &network.NetworkingConfig{}
	if len(nets) > 0 {
		// The first network at create (API 1.41 takes one), the others
		// connected before the start.
		hc.NetworkMode = container.NetworkMode(x.netName(nets[0]))
		nc.EndpointsConfig = map[string]*network.EndpointSettings{x.netName(nets[0]): {Aliases: []string{c.Group}}}
	}
	name := ContainerName(x.project, c.Group, c.Index)
	created, err := x.cli.ContainerCreate(ctx, cfg, hc, nc, nil, name)
	if isConflict(err) {
		return fmt.Errorf("a container named %s exists that %s: remove or rename it", name, x.notOurs(ctx, name))
	}
	if err != nil {
		return err
	}
	// From here the container exists: a failure says so, since the step
	// is reported failed while its container stays (the next apply
	// finishes it in place rather than starting over).
	for _, n := range nets[min(1, len(nets)):] {
		if err := x.cli.NetworkConnect(ctx, x.netName(n), created.ID, &network.EndpointSettings{Aliases: []string{c.Group}}); err != nil {
			return fmt.Errorf("created %s, but could not connect it to network %s: %w (it is left created, not started; apply again connects and starts it)", name, n, err)
		}
	}
	if a.String("state") == "running" {
		if err := x.cli.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
			return fmt.Errorf("created %s, but could not start it: %w (it is left created; apply again starts it)", name, err)
		}
	}
	return nil
}

// netName maps a spec network name to the engine's; a name that is not the
// project's (connected by hand) is the engine's already.
func (x *executor) netName(n string) string { return NetworkName(x.project, n) }

func (x *executor) containerConfig(c *planner.Change) (*container.Config, *container.HostConfig, error) {
	a := c.After.Attrs
	labels := x.labels(c, a.Map("labels"))
	labels[backends.LabelService] = c.Group
	labels[backends.LabelIndex] = strconv.Itoa(c.Index)
	labels[backends.ComposeService] = c.Group
	labels[backends.ComposeContainerNumber] = strconv.Itoa(c.Index)
	labels[backends.ComposeOneoff] = "False"
	labels[backends.ComposeConfigHash] = c.AfterHash
	labels[backends.ComposeVersion] = "1.29.2"
	cfg := &container.Config{
		Image:  a.String("image"),
		Cmd:    a.List("command"),
		Env:    envList(a.Map("env")),
		Labels: labels,
	}
	var err error
	if cfg.Healthcheck, err = healthConfig(a.Map("health")); err != nil {
		return nil, nil, err
	}
	hc := &container.HostConfig{RestartPolicy: restartConfig(a.String("restart"))}
	hc.Memory = a.Int("memory")
	if cpus := a.String("cpus"); cpus != "" {
		f, err := strconv.ParseFloat(cpus, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("cpus %q: %w", cpus, err)
		}
		hc.NanoCPUs = int64(f * 1e9)
	}
	if hc.PortBindings, cfg.ExposedPorts, err = portBindings(a.List("ports")); err != nil {
		return nil, nil, err
	}
	if hc.Mounts, err = x.mounts(a); err != nil {
		return nil, nil, err
	}
	return cfg, hc, nil
}

func envList(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

func healthConfig(m map[string]string) (*container.HealthConfig, error) {
	if len(m) == 0 {
		return nil, nil
	}
	h := &container.HealthConfig{}
	if err := json.Unmarshal([]byte(m["test"]), &h.Test); err != nil {
		return nil, fmt.Errorf("health test %q: %w", m["test"], err)
	}
	for k, d := range map[string]*time.Duration{"interval": &h.Interval, "timeout": &h.Timeout, "start_period": &h.StartPeriod} {
		if s := m[k]; s != "" {
			v, err := time.ParseDuration(s)
			if err != nil {
				return nil, fmt.Errorf("health %s %q: %w", k, s, err)
			}
			*d = v
		}
	}
	h.Retries, _ = strconv.Atoi(m["retries"])
	return h, nil
}

func restartConfig(s string) container.RestartPolicy {
	name, max, _ := strings.Cut(s, ":")
	p := container.RestartPolicy{Name: container.RestartPolicyMode(name)}
	p.MaximumRetryCount, _ = strconv.Atoi(max)
	return p
}

// portBindings parses "host_ip:published:target/proto" entries.
func portBindings(ports []string) (nat.PortMap, nat.PortSet, error) {
	if len(ports) == 0 {
		return nil, nil, nil
	}
	pm, ps := nat.PortMap{}, nat.PortSet{}
	for _, s := range ports {
		hostIP, published, target, proto, ok := splitBinding(s)
		if !ok {
			return nil, nil, fmt.Errorf("port %q: want host_ip:published:target/protocol", s)
		}
		p, err := nat.NewPort(proto, target)
		if err != nil {
			return nil, nil, fmt.Errorf("port %q: %w", s, err)
		}
		pm[p] = append(pm[p], nat.PortBinding{HostIP: hostIP, HostPort: published})
		ps[p] = struct{}{}
	}
	return pm, ps, nil
}

// mounts renders volumes, binds, and the read-only secret and config files.
func (x *executor) mounts(a planner.Attrs) ([]mount.Mount, error) {
	var out []mount.Mount
	for _, s := range a.List("mounts") {
		typ, rest, _ := strings.Cut(s, ":")
		ro := strings.HasSuffix(rest, ":ro")
		rest = strings.TrimSuffix(rest, ":ro")
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			return nil, fmt.Errorf("mount %q: want type:source:target", s)
		}
		src, target := rest[:i], rest[i+1:]
		if typ == string(mount.TypeVolume) {
			src = VolumeName(x.project, src)
		}
		out = append(out, mount.Mount{Type: mount.Type(typ), Source: src, Target: target, ReadOnly: ro})
	}
	for _, kind := range []string{TypeSecret, TypeConfig} {
		files := a.Map(kind + "s")
		for _, name := range sortedKeys(files) {
			out = append(out, mount.Mount{
				Type: mount.TypeBind, Source: FilePath(x.project, kind, name, files[name]),
				Target: MountTarget(kind, name), ReadOnly: true,
			})
		}
	}
	return out, nil
}

// updateContainer makes the in-place changes between before and after:
// resource limits and restart policy, networks, and a start (or an
// unpause).
func (x *executor) updateContainer(ctx context.Context, c *planner.Change) error {
	id, b, a := c.Before.ID, c.Before.Attrs, c.After.Attrs
	if b.String("restart") != a.String("restart") || b.String("cpus") != a.String("cpus") || b.Int("memory") != a.Int("memory") {
		_, hc, err := x.containerConfig(c)
		if err != nil {
			return err
		}
		upd := container.UpdateConfig{RestartPolicy: hc.RestartPolicy}
		upd.NanoCPUs, upd.Memory = hc.NanoCPUs, hc.Memory
		if hc.Memory > 0 {
			upd.MemorySwap = -1
		}
		if _, err := x.cli.ContainerUpdate(ctx, id, upd); err != nil {
			return fmt.Errorf("update limits: %w", err)
		}
	}
	if to := a.String("name"); to != "" && to != b.String("name") {
		if err := x.cli.ContainerRename(ctx, id, to); err != nil {
			return fmt.Errorf("rename to %s: %w", to, err)
		}
	}
	have, want := setOf(b.List("networks")), setOf(a.List("networks"))
	for _, n := range sortedSet(have) {
		if !want[n] {
			if err := x.disconnect(ctx, n, id); err != nil {
				return fmt.Errorf("disconnect from network %s: %w", n, err)
			}
		}
	}
	for _, n := range sortedSet(want) {
		if !have[n] {
			if err := x.cli.NetworkConnect(ctx, x.netName(n), id, &network.EndpointSettings{Aliases: []string{c.Group}}); err != nil {
				return fmt.Errorf("connect to network %s: %w", n, err)
			}
		}
	}
	switch {
	case a.String("state") != "running" || b.String("state") == "running":
	case b.String("state") == "paused": // docker pause: the engine refuses to start it
		if err := x.cli.ContainerUnpause(ctx, id); err != nil {
			return fmt.Errorf("unpause: %w", err)
		}
	default:
		if err := x.cli.ContainerStart(ctx, id, container.StartOptions{}); err != nil {
			return fmt.Errorf("start: %w", err)
		}
	}
	return nil
}

// disconnect leaves network n: the project's network of that spec name,
// else (connected by hand) the engine's network of that name, whichever
// the container is on (observe named it so). The engine does not answer
// "not found" for a project network name that does not exist ("is not
// connected to the network P_bridge"), so the name is chosen first.
func (x *executor) disconnect(ctx context.Context, n, id string) error {
	name := x.netName(n)
	if ins, err := x.cli.ContainerInspect(ctx, id); err == nil && ins.NetworkSettings != nil {
		if _, on := ins.NetworkSettings.Networks[name]; !on {
			if _, on := ins.NetworkSettings.Networks[n]; !on {
				return nil // gone already
			}
			name = n
		}
	}
	err := x.cli.NetworkDisconnect(ctx, name, id, true)
	if isNotFound(err) {
		return nil
	}
	return err
}

// deleteContainer stops the container (SIGTERM, then SIGKILL after
// StopTimeout) and removes it.
func (x *executor) deleteContainer(ctx context.Context, id string) error {
	secs := int(StopTimeout / time.Second)
	if err := x.cli.ContainerStop(ctx, id, container.StopOptions{Timeout: &secs}); err != nil && !isNotFound(err) {
		return fmt.Errorf("stop: %w", err)
	}
	err := x.cli.ContainerRemove(ctx, id, container.RemoveOptions{Force: true})
	if isNotFound(err) {
		return nil
	}
	return err
}

func setOf(l []string) map[string]bool {
	m := make(map[string]bool, len(l))
	for _, s := range l {
		m[s] = true
	}
	return m
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// notOurs says why the container of that name is not one this backend
// owns: another project's label, the project's label from another
// backend (berth's swarm backend on the same engine), or no label.
func (x *executor) notOurs(ctx context.Context, name string) string {
	none := fmt.Sprintf("berth does not own (it has no %s=%s label)", backends.LabelProject, x.project)
	ins, err := x.cli.ContainerInspect(ctx, name)
	if err != nil || ins.Config == nil {
		return none
	}
	l := ins.Config.Labels
	switch p, be := l[backends.LabelProject], l[backends.LabelBackend]; {
	case p == x.project && be != "" && be != "compose":
		return fmt.Sprintf("is the project's but %s's (%s=%s), which this backend neither observes nor removes", be, backends.LabelBackend, be)
	case p != "" && p != x.project:
		return fmt.Sprintf("belongs to the berth project %s", p)
	}
	return none
}
