package swarm

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/swarm"
)

// specEnv is what the executor knows besides a service's attributes: its
// names and labels, and the ids of the secret and config versions it
// mounts (swarm references them by id).
type specEnv struct {
	Project    string
	Name       string // the service's name in the spec
	Address    string // the planner address, "service.orders"
	ConfigHash string
	SecretIDs  map[string]string // version name → id
	ConfigIDs  map[string]string
}

// swarmSpec builds the swarm.ServiceSpec of d.
func (d *serviceDef) swarmSpec(env specEnv) (swarm.ServiceSpec, error) {
	cs := &swarm.ContainerSpec{
		Image:       d.Image,
		Args:        slices.Clone(d.Args),
		Env:         envList(d.Env),
		Labels:      map[string]string{LabelStack: env.Project},
		Healthcheck: d.Health.swarm(),
	}
	for _, m := range d.Mounts {
		cs.Mounts = append(cs.Mounts, m.swarm(env.Project))
	}
	for _, r := range d.Secrets {
		id, ok := env.SecretIDs[r.Version]
		if !ok {
			return swarm.ServiceSpec{}, fmt.Errorf("secret %s (version %s) does not exist", r.Name, r.Version)
		}
		cs.Secrets = append(cs.Secrets, &swarm.SecretReference{
			SecretID: id, SecretName: r.Version,
			File: &swarm.SecretReferenceFileTarget{Name: r.Name, UID: "0", GID: "0", Mode: 0o444},
		})
	}
	for _, r := range d.Configs {
		id, ok := env.ConfigIDs[r.Version]
		if !ok {
			return swarm.ServiceSpec{}, fmt.Errorf("config %s (version %s) does not exist", r.Name, r.Version)
		}
		cs.Configs = append(cs.Configs, &swarm.ConfigReference{
			ConfigID: id, ConfigName: r.Version,
			File: &swarm.ConfigReferenceFileTarget{Name: "/" + r.Name, UID: "0", GID: "0", Mode: 0o444},
		})
	}
	replicas := d.Replicas
	spec := swarm.ServiceSpec{
		Annotations: swarm.Annotations{Name: objectName(env.Project, env.Name), Labels: d.serviceLabels(env)},
		TaskTemplate: swarm.TaskSpec{
			ContainerSpec: cs,
			Resources:     &swarm.ResourceRequirements{Limits: d.limits()},
			RestartPolicy: d.Restart.swarm(),
			Placement:     d.placement(),
			Networks:      d.attachments(env),
		},
		Mode:           swarm.ServiceMode{Replicated: &swarm.ReplicatedService{Replicas: &replicas}},
		UpdateConfig:   d.Update.swarm(),
		RollbackConfig: d.Rollback.swarm(),
		EndpointSpec:   d.endpoint(),
	}
	return spec, nil
}

// serviceLabels are the user's labels plus berth's and the stack's.
func (d *serviceDef) serviceLabels(env specEnv) map[string]string {
	l := maps.Clone(d.Labels)
	if l == nil {
		l = map[string]string{}
	}
	l[LabelProject] = env.Project
	l[LabelResource] = env.Address
	l[LabelConfigHash] = env.ConfigHash
	l[LabelBackend] = "swarm"
	l[LabelStack] = env.Project
	l[LabelStackImage] = d.Image
	return l
}

// ownLabel reports whether a label is one berth or the stack tools set.
func ownLabel(k string) bool {
	return strings.HasPrefix(k, "io.berth.") || strings.HasPrefix(k, "com.docker.stack.")
}

func envList(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

func (d *serviceDef) limits() *swarm.Limit {
	if d.CPUs == 0 && d.Memory == 0 {
		return nil
	}
	return &swarm.Limit{NanoCPUs: int64(math.Round(d.CPUs * 1e9)), MemoryBytes: d.Memory}
}

func (d *serviceDef) placement() *swarm.Placement {
	p := &swarm.Placement{Constraints: slices.Clone(d.Constraints), MaxReplicas: d.MaxPerNode}
	for _, s := range d.Spread {
		p.Preferences = append(p.Preferences, swarm.PlacementPreference{Spread: &swarm.SpreadOver{SpreadDescriptor: s}})
	}
	return p
}

// attachments join the project's networks, each with the service's spec
// name as alias: callers find "orders", not "shop_orders".
func (d *serviceDef) attachments(env specEnv) []swarm.NetworkAttachmentConfig {
	var out []swarm.NetworkAttachmentConfig
	for _, n := range d.Networks {
		out = append(out, swarm.NetworkAttachmentConfig{Target: objectName(env.Project, n), Aliases: []string{env.Name}})
	}
	return out
}

func (d *serviceDef) endpoint() *swarm.EndpointSpec {
	e := &swarm.EndpointSpec{Mode: swarm.ResolutionMode(d.EndpointMode)}
	for _, p := range d.Ports {
		e.Ports = append(e.Ports, swarm.PortConfig{
			Protocol: swarm.PortConfigProtocol(p.Protocol), TargetPort: p.Target,
			PublishedPort: p.Published, PublishMode: swarm.PortConfigPublishMode(p.Mode),
		})
	}
	return e
}

func (m mountDef) swarm(project string) mount.Mount {
	mt := mount.Mount{Type: mount.Type(m.Type), Source: m.Source, Target: m.Target, ReadOnly: m.ReadOnly}
	if m.Type == "volume" {
		mt.Source = objectName(project, m.Source)
		mt.VolumeOptions = &mount.VolumeOptions{Labels: map[string]string{LabelProject: project, LabelStack: project}}
	}
	return mt
}

func (h *healthDef) swarm() *container.HealthConfig {
	if h == nil {
		return nil
	}
	return &container.HealthConfig{
		Test: slices.Clone(h.Test), Interval: h.Interval, Timeout: h.Timeout,
		StartPeriod: h.StartPeriod, Retries: h.Retries,
	}
}

func (r restartDef) swarm() *swarm.RestartPolicy {
	delay, window, attempts := r.Delay, r.Window, r.MaxAttempts
	return &swarm.RestartPolicy{
		Condition: swarm.RestartPolicyCondition(r.Condition),
		Delay:     &delay, Window: &window, MaxAttempts: &attempts,
	}
}

func (u updateDef) swarm() *swarm.UpdateConfig {
	return &swarm.UpdateConfig{
		Parallelism: u.Parallelism, Delay: u.Delay, Monitor: u.Monitor,
		FailureAction: u.FailureAction, Order: u.Order, MaxFailureRatio: float32(u.MaxFailureRatio),
	}
}

// observeEnv is what observation needs to read a service back into the
// spec's terms.
type observeEnv struct {
	Project  string
	Networks map[string]string // network id → name in the spec
}

// defFromSwarm reads a service's spec back into a serviceDef; it inverts
// swarmSpec. Values berth never sets (or that someone set by hand) show up
// as attributes that differ, which is how drift is seen.
func defFromSwarm(s swarm.ServiceSpec, env observeEnv) *serviceDef {
	d := &serviceDef{EndpointMode: "vip"}
	for k, v := range s.Labels {
		if !ownLabel(k) {
			if d.Labels == nil {
				d.Labels = map[string]string{}
			}
			d.Labels[k] = v
		}
	}
	if cs := s.TaskTemplate.ContainerSpec; cs != nil {
		containerFromSwarm(cs, env.Project, d)
	}
	if r := s.TaskTemplate.Resources; r != nil && r.Limits != nil {
		d.CPUs = float64(r.Limits.NanoCPUs) / 1e9
		d.Memory = r.Limits.MemoryBytes
	}
	d.Restart = restartFromSwarm(s.TaskTemplate.RestartPolicy)
	placementFromSwarm(s.TaskTemplate.Placement, d)
	for _, n := range s.TaskTemplate.Networks {
		d.Networks = append(d.Networks, networkName(n.Target, env))
	}
	sort.Strings(d.Networks)
	if r := s.Mode.Replicated; r != nil && r.Replicas != nil {
		d.Replicas = *r.Replicas
	}
	d.Update = updateFromSwarm(s.UpdateConfig)
	d.Rollback = updateFromSwarm(s.RollbackConfig)
	if e := s.EndpointSpec; e != nil {
		endpointFromSwarm(e, d)
	}
	return d
}

func containerFromSwarm(cs *swarm.ContainerSpec, project string, d *serviceDef) {
	d.Image = cs.Image
	d.Args = slices.Clone(cs.Args)
	for _, kv := range cs.Env {
		k, v, _ := strings.Cut(kv, "=")
		if d.Env == nil {
			d.Env = map[string]string{}
		}
		d.Env[k] = v
	}
	if h := cs.Healthcheck; h != nil && len(h.Test) > 0 {
		d.Health = &healthDef{Test: slices.Clone(h.Test), Interval: h.Interval, Timeout: h.Timeout, StartPeriod: h.StartPeriod, Retries: h.Retries}
	}
	for _, m := range cs.Mounts {
		md := mountDef{Type: string(m.Type), Source: m.Source, Target: m.Target, ReadOnly: m.ReadOnly}
		if m.Type == mount.TypeVolume {
			md.Source = strings.TrimPrefix(m.Source, project+"_")
		}
		d.Mounts = append(d.Mounts, md)
	}
	for _, r := range cs.Secrets {
		d.Secrets = append(d.Secrets, fileRef{Name: refTarget(r.File, r.SecretName), Version: r.SecretName})
	}
	for _, r := range cs.Configs {
		name := r.ConfigName
		if r.File != nil {
			name = strings.TrimPrefix(r.File.Name, "/")
		}
		d.Configs = append(d.Configs, fileRef{Name: name, Version: r.ConfigName})
	}
	sortRefs(d.Secrets)
	sortRefs(d.Configs)
}

func refTarget(f *swarm.SecretReferenceFileTarget, fallback string) string {
	if f == nil {
		return fallback
	}
	return f.Name
}

func networkName(target string, env observeEnv) string {
	if n, ok := env.Networks[target]; ok {
		return n
	}
	return strings.TrimPrefix(target, env.Project+"_")
}

func restartFromSwarm(p *swarm.RestartPolicy) restartDef {
	var r restartDef
	if p == nil {
		return r
	}
	r.Condition = string(p.Condition)
	if p.Delay != nil {
		r.Delay = *p.Delay
	}
	if p.Window != nil {
		r.Window = *p.Window
	}
	if p.MaxAttempts != nil {
		r.MaxAttempts = *p.MaxAttempts
	}
	return r
}

func placementFromSwarm(p *swarm.Placement, d *serviceDef) {
	if p == nil {
		return
	}
	d.Constraints = sortedCopy(p.Constraints)
	d.MaxPerNode = p.MaxReplicas
	for _, pref := range p.Preferences {
		if pref.Spread != nil {
			d.Spread = append(d.Spread, pref.Spread.SpreadDescriptor)
		}
	}
}

func updateFromSwarm(u *swarm.UpdateConfig) updateDef {
	if u == nil {
		return updateDef{}
	}
	ratio, _ := strconv.ParseFloat(strconv.FormatFloat(float64(u.MaxFailureRatio), 'g', -1, 32), 64)
	return updateDef{
		Parallelism: u.Parallelism, Delay: u.Delay, Monitor: u.Monitor,
		Order: u.Order, FailureAction: u.FailureAction, MaxFailureRatio: ratio,
	}
}

func endpointFromSwarm(e *swarm.EndpointSpec, d *serviceDef) {
	if e.Mode != "" {
		d.EndpointMode = string(e.Mode)
	}
	for _, p := range e.Ports {
		d.Ports = append(d.Ports, portDef{
			Published: p.PublishedPort, Target: p.TargetPort,
			Protocol: orDefault(string(p.Protocol), "tcp"), Mode: orDefault(string(p.PublishMode), "ingress"),
		})
	}
	sort.Slice(d.Ports, func(i, j int) bool { return d.Ports[i].String() < d.Ports[j].String() })
}
