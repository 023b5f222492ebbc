package swarm

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
)

// swarmkit's defaults (api/defaults/service.go), for what the model leaves
// at zero.
const (
	defaultRestartCondition = "any"
	defaultRestartDelay     = 5 * time.Second
	defaultUpdateOrder      = "stop-first"
	defaultFailureAction    = "pause"
	defaultMonitor          = 5 * time.Second
)

// serviceFromModel compiles one service of the model. contentHash gives
// the content hash of a secret or config by type and name, for the version
// names it mounts.
func serviceFromModel(spec *lang.Spec, svc *lang.Service, t *Target, contentHash func(typ, name string) string) (*serviceDef, error) {
	d := &serviceDef{
		Image:        svc.Image,
		Args:         slices.Clone(svc.Command),
		Env:          maps.Clone(svc.Env),
		Labels:       maps.Clone(svc.Labels),
		Networks:     serviceNetworks(svc),
		EndpointMode: orDefault(svc.EndpointMode, "vip"),
		CPUs:         svc.Resources.CPUs,
		Memory:       int64(svc.Resources.Memory),
		Restart:      restartFromModel(svc.Restart),
		Update:       updateFromModel(svc.Update),
		Constraints:  sortedCopy(svc.Placement.Constraints),
		MaxPerNode:   uint64(max(svc.Placement.MaxReplicasPerNode, 0)),
		Spread:       slices.Clone(svc.Placement.Spread),
		Replicas:     uint64(max(svc.Replicas, 0)),
	}
	d.Rollback = rollbackFromModel(svc.Rollback, d.Update)
	for _, p := range svc.Ports {
		d.Ports = append(d.Ports, portDef{
			Published: uint32(p.Published), Target: uint32(p.Target),
			Protocol: orDefault(p.Protocol, "tcp"), Mode: orDefault(p.Mode, "ingress"),
		})
	}
	sort.Slice(d.Ports, func(i, j int) bool { return d.Ports[i].String() < d.Ports[j].String() })
	for _, m := range svc.Mounts {
		md := mountFromModel(spec.Dir, m)
		if v := spec.Volumes[m.Volume]; v != nil && m.Volume != "" {
			md.Driver = v.Driver
		}
		d.Mounts = append(d.Mounts, md)
	}
	d.Secrets = refs(spec.Project, TypeSecret, svc.Secrets, contentHash)
	d.Configs = refs(spec.Project, TypeConfig, svc.Configs, contentHash)
	if err := emulate(spec, svc, t.Emulate || svc.Emulated(), t, d); err != nil {
		return nil, err
	}
	if d.Health == nil {
		d.Health = healthFromModel(svc)
	}
	return d, nil
}

// emulate makes an emulated service run berth's emulator: its image, its
// command and its compiled config in the environment, and a health check
// by the emulator's own probe (the image has no shell).
func emulate(spec *lang.Spec, svc *lang.Service, on bool, t *Target, d *serviceDef) error {
	if !on {
		return nil
	}
	image := t.EmulatorImage
	if image == "" {
		return fmt.Errorf("service %q has no image and no emulator image was given", svc.Name)
	}
	containerSpec := emulator.ContainerSpec
	if t.CheckOnly {
		containerSpec = emulator.CheckContainerSpec
	}
	cmd, env, port, err := containerSpec(spec, svc.Name)
	if err != nil {
		return err
	}
	d.Image, d.Args = image, cmd
	if d.Env == nil {
		d.Env = map[string]string{}
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		d.Env[k] = v
	}
	if h := svc.Health; h != nil {
		d.Health = &healthDef{
			Test:     emulator.HealthcheckTest(port),
			Interval: h.Interval, Timeout: emulator.ProbeTimeout(h.Timeout), StartPeriod: h.StartPeriod, Retries: h.Retries,
		}
	}
	return nil
}

// healthFromModel is the health check of a service with an image: the
// command as written, or an HTTP probe with wget (which the image must
// have).
func healthFromModel(svc *lang.Service) *healthDef {
	h := svc.Health
	if h == nil {
		return nil
	}
	d := &healthDef{Interval: h.Interval, Timeout: h.Timeout, StartPeriod: h.StartPeriod, Retries: h.Retries}
	switch {
	case len(h.Cmd) > 0:
		d.Test = slices.Clone(h.Cmd)
	case h.HTTP != "":
		url := fmt.Sprintf("http://127.0.0.1:%d%s", emulator.ServicePort(svc), h.HTTP)
		d.Test = []string{"CMD-SHELL", "wget -q -O /dev/null " + url + " || exit 1"}
	default:
		return nil
	}
	return d
}

func serviceNetworks(svc *lang.Service) []string {
	if len(svc.Networks) == 0 {
		return []string{DefaultNetwork}
	}
	return sortedCopy(svc.Networks)
}

func refs(project, typ string, names []string, contentHash func(typ, name string) string) []fileRef {
	var out []fileRef
	for _, n := range names {
		out = append(out, fileRef{Name: n, Version: versionedName(project, n, contentHash(typ, n))})
	}
	sortRefs(out)
	return out
}

// mountFromModel: a bind's relative source is the spec directory's, as
// docker stack deploy takes it from the Compose file's (a task fails on a
// relative path). It must exist on every node the task may run on.
func mountFromModel(dir string, m lang.Mount) mountDef {
	if m.Volume != "" {
		return mountDef{Type: "volume", Source: m.Volume, Target: m.Target, ReadOnly: m.ReadOnly}
	}
	src := m.Source
	if !filepath.IsAbs(src) {
		if abs, err := filepath.Abs(filepath.Join(dir, src)); err == nil {
			src = abs
		}
	}
	return mountDef{Type: "bind", Source: src, Target: m.Target, ReadOnly: m.ReadOnly}
}

func restartFromModel(r lang.Restart) restartDef {
	d := restartDef{
		Condition:   orDefault(r.Condition, defaultRestartCondition),
		Delay:       r.Delay,
		MaxAttempts: uint64(max(r.MaxAttempts, 0)),
		Window:      r.Window,
	}
	if d.Delay == 0 && r.Condition == "" {
		d.Delay = defaultRestartDelay
	}
	return d
}

func updateFromModel(u lang.Update) updateDef {
	d := updateDef{
		Parallelism:     uint64(max(u.Parallelism, 0)),
		Delay:           u.Delay,
		Monitor:         u.Monitor,
		Order:           orDefault(u.Order, defaultUpdateOrder),
		FailureAction:   orDefault(u.FailureAction, defaultFailureAction),
		MaxFailureRatio: u.MaxFailureRatio,
	}
	if d.Monitor == 0 {
		d.Monitor = defaultMonitor
	}
	return d
}

// rollbackFromModel: no rollback block means the update's settings, except
// that a rollback cannot itself roll back (swarm accepts only pause or
// continue there).
func rollbackFromModel(r *lang.Update, update updateDef) updateDef {
	d := update
	if r != nil {
		d = updateFromModel(*r)
	}
	if d.FailureAction == "rollback" {
		d.FailureAction = defaultFailureAction
	}
	return d
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func sortedCopy(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	out := slices.Clone(l)
	sort.Strings(out)
	return out
}
