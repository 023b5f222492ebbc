package swarm

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/composefile"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// ExportCompose writes the project as a Compose file for `docker stack
// deploy --resolve-image never -c FILE PROJECT`: the same services,
// networks, secrets and configs that berth applies (secrets and configs
// under their versioned names, so a rotation deploys without "only
// updates to Labels are allowed"). What docker stack deploy cannot do
// comes back as warnings, never silently: depends_on, host_ip, secrets
// without a file, and emulated services' image, which the stack cannot
// build or copy to the nodes.
func ExportCompose(spec *lang.Spec, t *Target) ([]byte, hcl.Diagnostics) {
	d, diags := t.Desired(spec)
	if diags.HasErrors() {
		return nil, diags
	}
	f := composefile.New[*composeService]("3.9")
	var emulated []*lang.Service
	emulatorImage := ""
	for _, r := range d.Resources {
		switch r.Type {
		case TypeNetwork:
			n := networkDefFromAttrs(r.Attrs)
			f.AddNetwork(r.Name, &composefile.Network{Driver: n.Driver, Internal: n.Internal, Attachable: n.Attachable, Labels: n.Labels})
		case TypeSecret, TypeConfig:
			diags = append(diags, addFile(f, spec, r)...)
		case TypeService:
			def, err := defFromAttrs(r.Attrs)
			if err != nil {
				return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot export the service", Detail: err.Error()})
			}
			svc := spec.Service(r.Name)
			cs := composeServiceOf(def)
			cs.DependsOn = sortedCopy(svc.DependsOn)
			f.Services[r.Name] = cs
			diags = append(diags, stackIgnores(svc)...)
			if t.Emulate || svc.Emulated() {
				emulated, emulatorImage = append(emulated, svc), def.Image
			}
		}
	}
	if len(emulated) > 0 {
		diags = append(diags, emulatorImageWarning(emulated, emulatorImage))
	}
	for _, v := range spec.SortedVolumes() {
		f.AddVolume(v.Name, &composefile.Volume{Driver: v.Driver, Labels: v.Labels})
	}
	var buf bytes.Buffer
	header := fmt.Sprintf("# Written by `berth export compose --for swarm` from project %q.\n", spec.Project) +
		fmt.Sprintf("# Deploy: docker stack deploy --resolve-image never -c FILE %s\n", spec.Project)
	if err := f.Encode(&buf, header); err != nil {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot write YAML", Detail: err.Error()})
	}
	return buf.Bytes(), diags
}

// addFile declares a secret or config under its versioned swarm name. One
// whose content is not a file (a sensitive variable, inline content) is
// declared external: the stack cannot carry its value.
func addFile(f *composefile.File[*composeService], spec *lang.Spec, r *planner.Resource) hcl.Diagnostics {
	obj := &composefile.FileObj{Name: versionedName(spec.Project, r.Name, r.Attrs.String(attrContent)), File: r.Source}
	if abs, err := filepath.Abs(r.Source); err == nil && r.Source != "" {
		obj.File = abs // the file may be written anywhere
	}
	var diags hcl.Diagnostics
	if r.Source == "" {
		obj.File, obj.External = "", true
		rng := hcl.Range{}
		if s := spec.Secrets[r.Name]; r.Type == TypeSecret && s != nil {
			rng = s.DeclRange
		} else if c := spec.Configs[r.Name]; c != nil {
			rng = c.DeclRange
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  fmt.Sprintf("The %s's value is not in the exported file", r.Type),
			Detail: fmt.Sprintf("%s %q has no file, so the Compose file declares it external as %q. Create it before deploying, for example with `docker %s create %s FILE`.",
				r.Type, r.Name, obj.Name, r.Type, obj.Name),
			Subject: rng.Ptr(),
		})
	}
	if r.Type == TypeConfig {
		f.AddConfig(r.Name, obj)
	} else {
		f.AddSecret(r.Name, obj)
	}
	return diags
}

func composeServiceOf(d *serviceDef) *composeService {
	s := &composeService{
		Image: d.Image, Command: d.Args, Environment: d.Env, Networks: d.Networks,
		Deploy: composeDeploy{
			Mode: "replicated", Replicas: ptr(d.Replicas), EndpointMode: d.EndpointMode, Labels: d.Labels,
			RestartPolicy: &composeRestart{
				Condition: d.Restart.Condition, Delay: d.Restart.Delay.String(),
				MaxAttempts: ptr(d.Restart.MaxAttempts), Window: d.Restart.Window.String(),
			},
			UpdateConfig:   composeUpdateOf(d.Update),
			RollbackConfig: composeUpdateOf(d.Rollback),
		},
	}
	for _, p := range d.Ports {
		s.Ports = append(s.Ports, composePort{Target: p.Target, Published: p.Published, Protocol: p.Protocol, Mode: p.Mode})
	}
	for _, r := range d.Secrets {
		s.Secrets = append(s.Secrets, composeRef{Source: r.Name, Target: r.Name})
	}
	for _, r := range d.Configs {
		s.Configs = append(s.Configs, composeRef{Source: r.Name, Target: "/" + r.Name})
	}
	for _, m := range d.Mounts {
		s.Volumes = append(s.Volumes, composeMount{Type: m.Type, Source: m.Source, Target: m.Target, ReadOnly: m.ReadOnly})
	}
	if h := d.Health; h != nil {
		s.Healthcheck = &composefile.Health{
			Test: h.Test, Interval: h.Interval.String(), Timeout: h.Timeout.String(),
			Retries: ptr(uint64(h.Retries)), StartPeriod: h.StartPeriod.String(),
		}
	}
	if d.CPUs != 0 || d.Memory != 0 {
		lim := &composefile.Limits{}
		if d.CPUs != 0 {
			lim.CPUs = strconv.FormatFloat(d.CPUs, 'f', -1, 64)
		}
		if d.Memory != 0 {
			lim.Memory = strconv.FormatInt(d.Memory, 10)
		}
		s.Deploy.Resources = &composefile.Resources{Limits: lim}
	}
	if len(d.Constraints) > 0 || d.MaxPerNode > 0 || len(d.Spread) > 0 {
		pl := &composePlacement{Constraints: d.Constraints, MaxReplicas: d.MaxPerNode}
		for _, sp := range d.Spread {
			pl.Preferences = append(pl.Preferences, composePreference{Spread: sp})
		}
		s.Deploy.Placement = pl
	}
	return s
}

func composeUpdateOf(u updateDef) *composeUpdate {
	return &composeUpdate{
		Parallelism: ptr(u.Parallelism), Delay: u.Delay.String(), FailureAction: u.FailureAction,
		Monitor: u.Monitor.String(), MaxFailureRatio: ptr(u.MaxFailureRatio), Order: u.Order,
	}
}

func ptr[T any](v T) *T { return &v }

// stackIgnores warns about what docker stack deploy drops from a service.
func stackIgnores(svc *lang.Service) hcl.Diagnostics {
	if len(svc.DependsOn) == 0 {
		return nil
	}
	deps := append([]string(nil), svc.DependsOn...)
	sort.Strings(deps)
	return hcl.Diagnostics{{
		Severity: hcl.DiagWarning,
		Summary:  "docker stack deploy ignores depends_on",
		Detail: fmt.Sprintf("Service %q depends on %v. Swarm starts every service of a stack at once and the file keeps depends_on only for reference; "+
			"berth apply starts %q after them.", svc.Name, deps, svc.Name),
		Subject: svc.DeclRange.Ptr(),
	}}
}

// emulatorImageWarning says where berth's emulator image must be before
// docker stack deploy can start the services that run it: one warning for
// all of them (they run the same image), at the first in the source.
func emulatorImageWarning(services []*lang.Service, image string) *hcl.Diagnostic {
	sort.Slice(services, func(i, j int) bool {
		a, b := services[i].DeclRange, services[j].DeclRange
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	var names []string
	for _, s := range services {
		names = append(names, strconv.Quote(s.Name))
	}
	who := fmt.Sprintf("Service %s runs", names[0])
	if len(names) > 1 {
		who = fmt.Sprintf("The %d services %s run", len(names), strings.Join(names, ", "))
	}
	d := &hcl.Diagnostic{Severity: hcl.DiagWarning, Subject: services[0].DeclRange.Ptr()}
	if namesRegistry(image) {
		local := path.Base(image)
		d.Summary = "The emulator image must be in the registry"
		d.Detail = fmt.Sprintf("%s berth's emulator image from the registry, %s. docker stack deploy does not push it: "+
			"push it first (docker tag %s %s && docker push %s), or let berth apply do it.", who, image, local, image, image)
	} else {
		d.Summary = "The emulator image must be on every node"
		d.Detail = fmt.Sprintf("%s berth's emulator image %s, which no registry has. docker stack deploy neither builds it nor copies it to the nodes: "+
			"load it on each one first (docker save %s | docker -H NODE load), or let berth apply do it.", who, image, image)
	}
	return d
}
