package swarm

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
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
	After      []string          // the services it starts after (LabelAfter)
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
	if len(env.After) > 0 {
		l[LabelAfter] = strings.Join(env.After, ",")
	}
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
		if m.Driver != "" {
			mt.VolumeOptions.DriverConfig = &mount.Driver{Name: m.Driver}
		}
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
