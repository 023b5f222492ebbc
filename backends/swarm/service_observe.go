package swarm

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/swarm"
)

// observeEnv is what observation needs to read a service back into the
// spec's terms.
type observeEnv struct {
	Project  string
	Networks map[string]string // network id → name in the spec
	// ImageIDs maps the images services run by id, as asked, to the
	// manager's id for each (images_pin.go).
	ImageIDs map[string]string
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
		d.Image = imageAsAsked(cs.Image, s.Labels[LabelStackImage], env.ImageIDs)
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

// imageAsAsked undoes the pinning: an image resolved against its registry
// runs as ref@sha256:…, one without a registry as the id it had on the
// manager (ids: the id the manager has for each asked name now), and the
// stack label keeps the ref as asked (as `docker stack deploy` does). Any
// other difference (an image changed by hand, a tag that moved on the
// manager) is kept, so it shows in the plan.
func imageAsAsked(running, asked string, ids map[string]string) string {
	if ref, digest, ok := strings.Cut(running, "@"); ok && ref == asked && strings.HasPrefix(digest, "sha256:") {
		return asked
	}
	if asked != "" && isImageID(running) && ids[asked] == running {
		return asked
	}
	return running
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
			if o := m.VolumeOptions; o != nil && o.DriverConfig != nil {
				md.Driver = o.DriverConfig.Name
			}
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
