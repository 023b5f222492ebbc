package swarm

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// Target compiles a spec into swarm resources. It is pure: it reads the
// files secrets and configs name, and calls no engine.
type Target struct {
	// Emulate runs every service under the emulator (apply --emulate);
	// services without an image always are.
	Emulate bool
	// EmulatorImage is the image of services without one
	// (berth-emulator:<hash>, from emulator.EnsureImage).
	EmulatorImage string
	// CheckOnly compiles for diagnostics alone (berth validate): an
	// emulated service's config is compiled but not encoded.
	CheckOnly bool
}

// Backend implements planner.Target.
func (*Target) Backend() string { return lang.BackendSwarm }

var (
	serviceSchema = planner.Schema{
		// Everything of a swarm service can be changed in place by a
		// service update; replicas are not hashed, so scaling is an update
		// that never counts as a change of intent.
		Modes: map[string]planner.Mode{
			attrImage: planner.ModeUpdate, attrCommand: planner.ModeUpdate, attrEnv: planner.ModeUpdate,
			attrLabels: planner.ModeUpdate, attrNetworks: planner.ModeUpdate, attrPorts: planner.ModeUpdate,
			attrSecrets: planner.ModeUpdate, attrConfigs: planner.ModeUpdate, attrMounts: planner.ModeUpdate,
			attrEndpointMode: planner.ModeUpdate, attrCPUs: planner.ModeUpdate, attrMemory: planner.ModeUpdate,
			attrHealth: planner.ModeUpdate, attrRestart: planner.ModeUpdate, attrUpdate: planner.ModeUpdate,
			attrRollback: planner.ModeUpdate, attrConstraints: planner.ModeUpdate,
			attrMaxPerNode: planner.ModeUpdate, attrSpread: planner.ModeUpdate,
			attrReplicas: planner.ModeLive,
			// observed only (a paused update): updating resumes it.
			attrUpdateStatus: planner.ModeLive,
		},
		Relabel: true,
		// An emulated service's config is shown by size and hash;
		// this says what changed inside it.
		Explain: map[string]func(before, after any) string{
			attrEnv + "." + emulator.EnvConfig: emulator.ExplainAttr,
		},
		Renamed: map[string]func(before, after any, from, to string) bool{
			attrEnv + "." + emulator.EnvConfig: emulator.RenamedAttr,
		},
	}
	// Secrets and configs are immutable in swarm: any change is a new
	// version, made before the old one goes.
	versionedSchema = planner.Schema{CreateBeforeDestroy: true}
	// Networks cannot change; any change replaces them.
	networkSchema = planner.Schema{}
)

// Schema implements planner.Target.
func (*Target) Schema(typ string) planner.Schema {
	switch typ {
	case TypeService:
		return serviceSchema
	case TypeSecret, TypeConfig:
		return versionedSchema
	}
	return networkSchema
}

// Desired implements planner.Target.
func (t *Target) Desired(spec *lang.Spec) (*planner.Desired, hcl.Diagnostics) {
	d := &planner.Desired{Project: spec.Project, Contents: map[planner.Address][]byte{}}
	diags := ignoredVolumeLabels(spec)
	hashes := map[planner.Address]string{}
	for _, s := range spec.SortedSecrets() {
		r, content, diag := fileResource(spec.Project, TypeSecret, s.Name, s.Path, s.Value, s.DeclRange)
		diags = diags.Extend(diag)
		if r != nil {
			d.Resources = append(d.Resources, r)
			d.Contents[r.Address] = content
			hashes[r.Address] = r.Attrs.String(attrContent)
		}
	}
	for _, c := range spec.SortedConfigs() {
		r, content, diag := fileResource(spec.Project, TypeConfig, c.Name, c.Path, c.Content, c.DeclRange)
		diags = diags.Extend(diag)
		if r != nil {
			d.Resources = append(d.Resources, r)
			d.Contents[r.Address] = content
			hashes[r.Address] = r.Attrs.String(attrContent)
		}
	}
	for _, n := range desiredNetworks(spec) {
		d.Resources = append(d.Resources, n)
	}
	hashOf := func(typ, name string) string { return hashes[planner.Address{Type: typ, Name: name}] }
	for _, svc := range spec.SortedServices() {
		def, err := serviceFromModel(spec, svc, t, hashOf)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "Cannot compile the swarm service",
				Detail: err.Error(), Subject: svc.DeclRange.Ptr(),
			})
			continue
		}
		diags = append(diags, checkService(spec.Project, svc, t.Emulate)...)
		diags = append(diags, ignoredByServices(svc)...)
		d.Resources = append(d.Resources, &planner.Resource{
			Address: planner.Address{Type: TypeService, Name: svc.Name},
			Group:   svc.Name,
			Attrs:   def.attrs(),
			Deps:    serviceDeps(spec, svc, def),
		})
	}
	return d, diags
}

// attrContent is the one attribute of a secret or config: the salted hash
// of its content. The swarm object's name is derived from it.
const attrContent = "content"

// fileResource is a secret or config: its salted content hash, marked
// sensitive for secrets.
func fileResource(project, typ, name, path string, inline []byte, rng hcl.Range) (*planner.Resource, []byte, hcl.Diagnostics) {
	content := inline
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, hcl.Diagnostics{{
				Severity: hcl.DiagError, Summary: fmt.Sprintf("Cannot read the %s file", typ),
				Detail: err.Error(), Subject: rng.Ptr(),
			}}
		}
		content = b
		// A saved plan is applied from wherever its user is: the file
		// is read again there, so its path must not be relative to the
		// directory the plan was made in (as compose's).
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
	}
	h := planner.ContentHash(project, content)
	r := &planner.Resource{Address: planner.Address{Type: typ, Name: name}, Attrs: planner.Attrs{}, Source: path}
	r.Attrs.Set(attrContent, h)
	if typ == TypeSecret {
		r.Sensitive = []string{attrContent}
	}
	return r, content, nil
}

// desiredNetworks are the declared networks, plus "default" when a
// service joins no network of its own.
func desiredNetworks(spec *lang.Spec) []*planner.Resource {
	nets := map[string]*lang.Network{}
	for _, n := range spec.Networks {
		nets[n.Name] = n
	}
	for _, svc := range spec.Services {
		if len(svc.Networks) == 0 && nets[DefaultNetwork] == nil {
			nets[DefaultNetwork] = &lang.Network{Name: DefaultNetwork}
		}
	}
	names := make([]string, 0, len(nets))
	for n := range nets {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*planner.Resource, 0, len(names))
	for _, name := range names {
		out = append(out, &planner.Resource{
			Address: planner.Address{Type: TypeNetwork, Name: name},
			Attrs:   networkDefFromModel(nets[name]).attrs(),
		})
	}
	return out
}

// serviceDeps: the networks, secrets and configs a service uses, and the
// services it starts after (depends_on and its callees).
func serviceDeps(spec *lang.Spec, svc *lang.Service, def *serviceDef) []planner.Dep {
	var deps []planner.Dep
	uses := func(typ, name string) {
		deps = append(deps, planner.Dep{To: planner.Address{Type: typ, Name: name}, Kind: planner.DepUses})
	}
	for _, n := range def.Networks {
		uses(TypeNetwork, n)
	}
	for _, r := range def.Secrets {
		uses(TypeSecret, r.Name)
	}
	for _, r := range def.Configs {
		uses(TypeConfig, r.Name)
	}
	after := map[string]bool{}
	for _, n := range svc.DependsOn {
		after[n] = true
	}
	for _, l := range spec.SortedLinks() {
		if l.From == svc.Name {
			after[l.To] = true
		}
	}
	names := make([]string, 0, len(after))
	for n := range after {
		if n != svc.Name && spec.Service(n) != nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		deps = append(deps, planner.Dep{To: planner.Address{Type: TypeService, Name: n}, Kind: planner.DepStartAfter})
	}
	return deps
}

// ignoredVolumeLabels warns that a volume's labels do not reach swarm:
// each node makes the volume when a task first mounts it, with berth's
// labels only.
func ignoredVolumeLabels(spec *lang.Spec) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, v := range spec.SortedVolumes() {
		if len(v.Labels) > 0 {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Swarm ignores a volume's labels",
				Detail: fmt.Sprintf("Volume %q sets labels, but on swarm each node makes the volume when a task first mounts it, labelled by berth alone (its driver is honoured). "+
					"Label the volumes on the nodes yourself, or use the compose backend.", v.Name),
				Subject: v.DeclRange.Ptr()})
		}
	}
	return diags
}

// ignoredByServices warns about what a swarm service cannot honour, so it
// is never dropped silently.
func ignoredByServices(svc *lang.Service) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, p := range svc.Ports {
		if p.HostIP != "" {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Swarm ignores host_ip",
				Detail: fmt.Sprintf("Service %q publishes port %d on host_ip %q, but a swarm service publishes on every address of a node "+
					"(ingress mode: of every node). Keep the port off untrusted networks with a firewall, or use the compose backend.",
					svc.Name, p.Published, p.HostIP),
				Subject: p.DeclRange.Ptr(),
			})
		}
	}
	return diags
}
