package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// EmulatorContainer is what a container running berth's emulator for one
// service needs (see backends/emulator.ContainerSpec).
type EmulatorContainer struct {
	Cmd         []string // appended to the image's entrypoint
	Env         []string // KEY=VALUE, the compiled config
	Port        int      // the port the emulator listens on
	HealthCheck []string // Docker healthcheck test of the emulator's own probe
}

// EmulatorFunc compiles the emulator container of one service.
type EmulatorFunc func(spec *lang.Spec, service string) (EmulatorContainer, error)

// Target compiles a spec into the compose backend's desired resources. It
// is pure: it reads the files secrets and configs name, nothing else.
type Target struct {
	// Emulate runs every service under the emulator (apply --emulate);
	// services without an image always are.
	Emulate bool
	// EmulatorImage is the emulator image reference (berth-emulator:<hash>).
	EmulatorImage string
	// Emulator compiles an emulated service's container; required when a
	// service is emulated.
	Emulator EmulatorFunc
	// ReadFile reads secret and config files; nil means os.ReadFile.
	ReadFile func(string) ([]byte, error)
}

var _ planner.Target = (*Target)(nil)

// Backend implements planner.Target.
func (t *Target) Backend() string { return "compose" }

// schemas of the compose resource types. Containers cannot change in place
// except for their resource limits and restart policy (ContainerUpdate),
// their networks (connect/disconnect) and their state (start); the last two
// are hashed, so only drift is repaired in place, while a changed spec
// recreates the container and keeps its labels true.
var schemas = map[string]planner.Schema{
	TypeContainer: {Modes: map[string]planner.Mode{
		"networks": planner.ModeRepair,
		"state":    planner.ModeRepair,
		"name":     planner.ModeLive,
		"restart":  planner.ModeLive,
		"cpus":     planner.ModeLive,
		"memory":   planner.ModeLive,
	}, Explain: map[string]func(before, after any) string{
		"env." + emulator.EnvConfig: emulator.ExplainAttr,
	}, Renamed: map[string]func(before, after any, from, to string) bool{
		"env." + emulator.EnvConfig: emulator.RenamedAttr,
	}, UnsetReplaces: map[string]string{
		"cpus":   "Docker cannot lift a container's limit in place",
		"memory": "Docker cannot lift a container's limit in place",
	}},
	TypeSecret: {CreateBeforeDestroy: true},
	TypeConfig: {CreateBeforeDestroy: true},
}

// Schema implements planner.Target.
func (t *Target) Schema(typ string) planner.Schema { return schemas[typ] }

// Schema returns the schema of a compose resource type.
func Schema(typ string) planner.Schema { return schemas[typ] }

// Desired implements planner.Target.
func (t *Target) Desired(spec *lang.Spec) (*planner.Desired, hcl.Diagnostics) {
	d := &planner.Desired{Project: spec.Project, Contents: map[planner.Address][]byte{}}
	var diags hcl.Diagnostics
	svcs := spec.SortedServices() // sorted once, for every helper below
	if diags := checkContainerCount(svcs); diags.HasErrors() {
		return d, diags
	}
	for _, n := range t.networks(spec, svcs) {
		d.Resources = append(d.Resources, n)
	}
	for _, v := range spec.SortedVolumes() {
		r := &planner.Resource{Address: planner.Address{Type: TypeVolume, Name: v.Name}, Attrs: planner.Attrs{}}
		r.Attrs.Set("driver", defaultString(v.Driver, "local"))
		r.Attrs.Set("labels", v.Labels)
		d.Resources = append(d.Resources, r)
	}
	for _, s := range spec.SortedSecrets() {
		r, diag := t.file(spec, d, TypeSecret, s.Name, s.Value, s.Path, s.File, s.DeclRange)
		diags = append(diags, diag...)
		if r != nil {
			r.Sensitive = []string{"content"}
			d.Resources = append(d.Resources, r)
		}
	}
	for _, c := range spec.SortedConfigs() {
		r, diag := t.file(spec, d, TypeConfig, c.Name, c.Content, c.Path, c.File, c.DeclRange)
		diags = append(diags, diag...)
		if r != nil {
			d.Resources = append(d.Resources, r)
		}
	}
	order, diag := startOrder(spec)
	diags = append(diags, diag...)
	hashes := contentHashes(d)
	// Services compile independently (an emulated one compresses its
	// config): compile them on every core, collect them in order.
	type compiled struct {
		rs    []*planner.Resource
		diags hcl.Diagnostics
	}
	out := make([]compiled, len(svcs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(svcs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i].rs, out[i].diags = t.containers(spec, svcs[i], order[svcs[i].Name], hashes)
			}
		}()
	}
	for i := range svcs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, c := range out {
		diags = append(diags, c.diags...)
		d.Resources = append(d.Resources, c.rs...)
		d.Groups = append(d.Groups, planner.Address{Type: TypeContainer, Name: svcs[i].Name})
	}
	diags = append(diags, checkPortRanges(svcs)...)
	diags = append(diags, checkServices(svcs, t.Emulate)...)
	return d, diags
}

// checkPortRanges reports a replica's host port (published+i-1) that
// another service publishes; svcs are the spec's services, sorted.
func checkPortRanges(svcs []*lang.Service) hcl.Diagnostics {
	type key struct {
		proto string
		port  int
	}
	owner := map[key]string{}
	for _, svc := range svcs {
		for _, p := range svc.Ports {
			if p.Published > 0 {
				owner[key{defaultString(p.Protocol, "tcp"), p.Published}] = svc.Name
			}
		}
	}
	var diags hcl.Diagnostics
	for _, svc := range svcs {
		for _, p := range svc.Ports {
			for i := 2; p.Published > 0 && i <= svc.Replicas; i++ {
				port := p.Published + i - 1
				if o, ok := owner[key{defaultString(p.Protocol, "tcp"), port}]; ok && o != svc.Name {
					diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Replica ports overlap another service's",
						Detail: fmt.Sprintf("On compose, replica %d of %q publishes port %d (published + %d), which %q publishes too. Leave room for %d ports from %d, or move %q.",
							i, svc.Name, port, i-1, o, svc.Replicas, p.Published, o),
						Subject: p.DeclRange.Ptr()})
				}
			}
		}
	}
	return diags
}

// networks returns the declared networks, plus the implicit default one
// when a service (of svcs, the spec's) joins no network.
func (t *Target) networks(spec *lang.Spec, svcs []*lang.Service) []*planner.Resource {
	nets := spec.SortedNetworks()
	if _, declared := spec.Networks[DefaultNetwork]; !declared {
		for _, svc := range svcs {
			if len(svc.Networks) == 0 {
				nets = append(nets, &lang.Network{Name: DefaultNetwork})
				break
			}
		}
	}
	var out []*planner.Resource
	for _, n := range nets {
		r := &planner.Resource{Address: planner.Address{Type: TypeNetwork, Name: n.Name}, Attrs: planner.Attrs{}}
		r.Attrs.Set("driver", defaultString(n.Driver, "bridge"))
		r.Attrs.Set("internal", n.Internal)
		r.Attrs.Set("attachable", n.Attachable)
		r.Attrs.Set("labels", n.Labels)
		out = append(out, r)
	}
	return out
}

// file compiles a secret or config: its content hash is its one attribute.
func (t *Target) file(spec *lang.Spec, d *planner.Desired, kind, name string, value []byte, path, file string, rng hcl.Range) (*planner.Resource, hcl.Diagnostics) {
	content := value
	if content == nil {
		if path == "" && file != "" {
			path = filepath.Join(spec.Dir, file)
		}
		if path == "" {
			return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("The %s %q has no content", kind, name),
				Detail: "Set file (a path relative to the spec directory) or a value.", Subject: rng.Ptr()}}
		}
		read := t.ReadFile
		if read == nil {
			read = os.ReadFile
		}
		var err error
		if content, err = read(path); err != nil {
			return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("Cannot read the %s %q", kind, name),
				Detail: err.Error(), Subject: rng.Ptr()}}
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
	} else {
		path = ""
	}
	r := &planner.Resource{Address: planner.Address{Type: kind, Name: name}, Attrs: planner.Attrs{}, Source: path}
	r.Attrs.Set("content", planner.ContentHash(spec.Project, content))
	d.Contents[r.Address] = content
	return r, nil
}

func contentHashes(d *planner.Desired) map[planner.Address]string {
	out := map[planner.Address]string{}
	for _, r := range d.Resources {
		if r.Type == TypeSecret || r.Type == TypeConfig {
			out[r.Address] = r.Attrs.String("content")
		}
	}
	return out
}

func defaultString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
