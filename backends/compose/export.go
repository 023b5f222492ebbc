package compose

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/berth-dev/berth/backends/composefile"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// Export writes a Compose-specification file of the project: the same
// services (image, command, environment, labels, ports, networks, volumes,
// secrets, configs, healthcheck, restart, deploy.replicas and
// deploy.resources), networks, volumes, secrets and configs that berth
// applies, compiled by the same Target, so `docker-compose -p <project>
// up` of it runs what `berth apply` runs. It never holds a secret value:
// secrets are files. It returns warnings for what the file cannot carry.
func Export(spec *lang.Spec, d *planner.Desired) ([]byte, []string, error) {
	return ExportWith(&Target{}, spec, d)
}

// ExportWith is Export with the Target that compiled d, which also
// compiles the services scaled to 0 (d holds no container of them), so
// the file keeps their image, command and environment at replicas 0.
func ExportWith(t *Target, spec *lang.Spec, d *planner.Desired) ([]byte, []string, error) {
	return ExportTo("", t, spec, d)
}

// ExportTo is ExportWith for a Compose file whose project directory (the
// directory Compose resolves relative paths against: the file's own, or
// the working directory for a file read from standard input) is the
// absolute dir: the bind sources and secret and config files of the
// project are written relative to it (exportPath), so the file works in
// another checkout; with dir "", every path is absolute.
func ExportTo(dir string, t *Target, spec *lang.Spec, d *planner.Desired) ([]byte, []string, error) {
	// No top-level name: docker-compose 1.29 refuses it; -p names the project.
	f := composefile.New[*composeService]("")
	var warnings []string
	order, _ := startOrder(spec)
	for _, r := range d.Resources {
		switch r.Type {
		case TypeNetwork:
			if r.Name == DefaultNetwork && spec.Networks[DefaultNetwork] == nil {
				continue // Compose makes <project>_default itself
			}
			f.AddNetwork(r.Name, &composefile.Network{Driver: r.Attrs.String("driver"), Internal: r.Attrs.Bool("internal"), Attachable: r.Attrs.Bool("attachable"), Labels: r.Attrs.Map("labels")})
		case TypeVolume:
			f.AddVolume(r.Name, &composefile.Volume{Driver: r.Attrs.String("driver"), Labels: r.Attrs.Map("labels")})
		case TypeSecret, TypeConfig:
			file := r.Source
			if file == "" {
				file = FilePath(spec.Project, r.Type, r.Name, r.Attrs.String("content"))
				warnings = append(warnings, fmt.Sprintf("the %s %q comes from a value, not a file: the export names the file berth writes on apply (%s)", r.Type, r.Name, file))
			}
			if r.Type == TypeSecret {
				f.AddSecret(r.Name, &composefile.FileObj{File: exportPath(dir, file)})
			} else {
				f.AddConfig(r.Name, &composefile.FileObj{File: exportPath(dir, file)})
			}
		case TypeContainer:
			if s := f.Services[r.Group]; s != nil {
				s.Deploy.Replicas++
				continue
			}
			svc := spec.Services[r.Group]
			s, err := exportService(dir, svc, r, order[r.Group])
			if err != nil {
				return nil, nil, err
			}
			f.Services[r.Group] = s
		}
	}
	for _, svc := range spec.SortedServices() {
		if svc.Replicas == 0 {
			s, err := exportScaledToZero(dir, t, spec, svc, d, order[svc.Name])
			if err != nil {
				return nil, nil, err
			}
			f.Services[svc.Name] = s
			warnings = append(warnings, fmt.Sprintf("service %q has 0 replicas", svc.Name))
		}
	}
	warnings = append(warnings, configWarnings(f.Services)...)
	var buf bytes.Buffer
	header := fmt.Sprintf("# The %s project, exported by berth from its spec. Run it with:\n#   docker-compose -p %s -f <this file> up -d\n", spec.Project, spec.Project)
	if err := f.Encode(&buf, header); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), warnings, nil
}

func exportService(dir string, svc *lang.Service, r *planner.Resource, after []string) (*composeService, error) {
	a := r.Attrs
	s := &composeService{
		Image: a.String("image"), Command: a.List("command"),
		Environment: a.Map("env"), Labels: a.Map("labels"),
		Restart: a.String("restart"), DependsOn: after,
		Deploy: &composeDeploy{Replicas: 1},
	}
	for _, p := range svc.Ports {
		if p.Published == 0 {
			continue
		}
		host := strconv.Itoa(p.Published)
		if svc.Replicas > 1 {
			host += "-" + strconv.Itoa(p.Published+svc.Replicas-1)
		}
		if ip := p.HostIP; ip != "" {
			if strings.Contains(ip, ":") {
				ip = "[" + ip + "]" // IPv6: Compose reads [::1]:8080:80, refuses ::1:8080:80
			}
			host = ip + ":" + host
		}
		s.Ports = append(s.Ports, fmt.Sprintf("%s:%d/%s", host, p.Target, defaultString(p.Protocol, "tcp")))
	}
	if nets := a.List("networks"); !(len(nets) == 1 && nets[0] == DefaultNetwork) {
		s.Networks = nets
	}
	for _, m := range a.List("mounts") {
		s.Volumes = append(s.Volumes, exportMount(dir, m))
	}
	s.Secrets = sortedKeys(a.Map("secrets"))
	s.Configs = sortedKeys(a.Map("configs"))
	if h := a.Map("health"); len(h) > 0 {
		hc := &composefile.Health{Interval: h["interval"], Timeout: h["timeout"], StartPeriod: h["start_period"]}
		if err := json.Unmarshal([]byte(h["test"]), &hc.Test); err != nil {
			return nil, err
		}
		if n, err := strconv.ParseUint(h["retries"], 10, 64); err == nil {
			hc.Retries = &n
		}
		s.Healthcheck = hc
	}
	if cpus, mem := a.String("cpus"), a.Int("memory"); cpus != "" || mem > 0 {
		lim := &composefile.Limits{CPUs: cpus}
		if mem > 0 {
			lim.Memory = strconv.FormatInt(mem, 10)
		}
		s.Deploy.Resources = &composefile.Resources{Limits: lim}
	}
	return s, nil
}

// exportScaledToZero writes a service with no replicas as it would run,
// at replicas 0; one t cannot compile (the emulator is not available)
// becomes a placeholder image.
func exportScaledToZero(dir string, t *Target, spec *lang.Spec, svc *lang.Service, d *planner.Desired, after []string) (*composeService, error) {
	a, _, diags := t.containerAttrs(spec, svc, contentHashes(d))
	if diags.HasErrors() {
		return &composeService{Image: "scratch", Deploy: &composeDeploy{Replicas: 0}}, nil
	}
	s, err := exportService(dir, svc, &planner.Resource{Attrs: a}, after)
	if err != nil {
		return nil, err
	}
	s.Deploy.Replicas = 0
	return s, nil
}

// A service of the Compose specification, as far as berth writes it.
type composeService struct {
	Image       string              `yaml:"image"`
	Command     []string            `yaml:"command,omitempty"`
	Environment map[string]string   `yaml:"environment,omitempty"`
	Labels      map[string]string   `yaml:"labels,omitempty"`
	Ports       []string            `yaml:"ports,omitempty"`
	Networks    []string            `yaml:"networks,omitempty"`
	Volumes     []string            `yaml:"volumes,omitempty"`
	Secrets     []string            `yaml:"secrets,omitempty"`
	Configs     []string            `yaml:"configs,omitempty"`
	DependsOn   []string            `yaml:"depends_on,omitempty"`
	Healthcheck *composefile.Health `yaml:"healthcheck,omitempty"`
	Restart     string              `yaml:"restart,omitempty"`
	Deploy      *composeDeploy      `yaml:"deploy,omitempty"`
}

type composeDeploy struct {
	Replicas  int                    `yaml:"replicas"`
	Resources *composefile.Resources `yaml:"resources,omitempty"`
}
