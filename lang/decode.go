package lang

import (
	"io/fs"

	"github.com/hashicorp/hcl/v2"
)

func newLoadState(dir string, fsys fs.FS) *loadState {
	return &loadState{
		dir:     dir,
		fsys:    fsys,
		forEach: map[string][]instance{},
		spec:    newSpec(dir, fsys),
	}
}

// newSpec returns an empty spec with the project defaults.
func newSpec(dir string, fsys fs.FS) *Spec {
	project := defaultProject(dir)
	if fsys != nil && (dir == "." || dir == "") {
		project = "default"
	}
	return &Spec{
		Dir: dir, Project: project, Backend: BackendCompose, Nodes: 1,
		Variables: map[string]*Variable{}, Networks: map[string]*Network{},
		Volumes: map[string]*Volume{}, Secrets: map[string]*Secret{}, Configs: map[string]*Config{},
		Services: map[string]*Service{}, Links: map[LinkKey]*Link{}, Queues: map[string]*Queue{},
		Loads: map[string]*Load{}, Scenarios: map[string]*Scenario{}, SLOs: map[string]*SLO{},
	}
}

// decode runs the phases of a load: declarations, variables, locals and
// for_each, blocks, then the semantic checks.
func (st *loadState) decode(l *Loader, files []*hcl.File, opts Options) {
	decls, diags := collectDecls(files)
	st.decls = decls
	st.add(diags...)
	if len(files) > 0 {
		st.spec.DeclRange = hcl.Range{Filename: files[0].Body.MissingItemRange().Filename, Start: hcl.InitialPos, End: hcl.InitialPos}
	}
	fns := functions(st.dir, st.fsys)
	st.ev = newEvaluator(fns)
	st.decodeVariables(l, opts, funcsOnly(fns))
	st.declareObjects()
	st.evalLocalsAndForEach()
	st.ctx = st.ev.context()
	st.decodeBlocks()
	st.check()
}

// decodeVariables decodes the variable blocks and resolves their values.
func (st *loadState) decodeVariables(l *Loader, opts Options, funcsCtx *hcl.EvalContext) {
	declared := map[string]*variableDecl{}
	for _, b := range st.decls.blocks["variable"] {
		d, diags := decodeVariableBlock(b, funcsCtx)
		st.add(diags...)
		declared[d.v.Name] = d
	}
	vars, diags := l.resolveVariables(declared, opts, funcsCtx)
	st.add(diags...)
	st.spec.Variables = vars
	for name, v := range vars {
		st.ev.vars[name] = v.evalValue()
	}
}

// declareObjects makes the reference values of every named block that needs
// no evaluation ({name = label}; a service's also maps its endpoints,
// service_ref.go).
func (st *loadState) declareObjects() {
	for _, kind := range []string{"network", "volume", "secret", "config", "queue", "load"} {
		for _, b := range st.decls.blocks[kind] {
			st.ev.objects[kind][b.Labels[0]] = nameObject(b.Labels[0])
		}
	}
	for _, b := range st.decls.blocks["service"] {
		if syntaxAttr(b.Body, "for_each") == nil {
			v, dynamic := declaredServiceObject(b.Labels[0], b.Body)
			st.ev.objects["service"][b.Labels[0]] = v
			st.dynamicEndpoints = st.dynamicEndpoints || dynamic
		}
	}
}

// decodeBlocks decodes every top-level block into the spec.
func (st *loadState) decodeBlocks() {
	s := st.spec
	for _, b := range st.decls.blocks["berth"] {
		st.decodeBerthBlock(b)
	}
	decodeNamed(st, "network", s.Networks, (*loadState).decodeNetworkBlock)
	decodeNamed(st, "volume", s.Volumes, (*loadState).decodeVolumeBlock)
	decodeNamed(st, "secret", s.Secrets, (*loadState).decodeSecretBlock)
	decodeNamed(st, "config", s.Configs, (*loadState).decodeConfigBlock)
	st.decodeServices()
	st.refreshServiceObjects()
	st.addLinks(decodeAll(st, st.decls.blocks["link"], (*loadState).decodeLinkBlock))
	decodeNamed(st, "queue", s.Queues, (*loadState).decodeQueueBlock)
	decodeNamed(st, "load", s.Loads, (*loadState).decodeLoadBlock)
	decodeNamed(st, "scenario", s.Scenarios, (*loadState).decodeScenarioBlock)
	decodeNamed(st, "slo", s.SLOs, (*loadState).decodeSLOBlock)
	st.checkSingleBlocks()
}

// decodeNamed decodes the blocks of one kind into m, by their name label.
func decodeNamed[T any](st *loadState, kind string, m map[string]T, decode func(*loadState, *hcl.Block) T) {
	for _, b := range st.decls.blocks[kind] {
		m[b.Labels[0]] = decode(st, b)
	}
}

// decodeServices decodes the service blocks; a for_each instance whose name
// collides with another service is reported.
func (st *loadState) decodeServices() {
	blocks := st.decls.blocks["service"]
	for i, svcs := range decodeAll(st, blocks, (*loadState).decodeServiceBlock) {
		b := blocks[i]
		for _, svc := range svcs {
			if first, ok := st.spec.Services[svc.Name]; ok {
				st.add(duplicateInstance(b, svc, first))
				continue
			}
			st.spec.Services[svc.Name] = svc
			st.services = append(st.services, svc)
		}
	}
}

// duplicateInstance reports a service (a for_each instance) whose name is
// already taken, pointing at its name attribute when it has one.
func duplicateInstance(b *hcl.Block, svc, first *Service) *hcl.Diagnostic {
	rng := b.DefRange
	if n := syntaxAttr(b.Body, "name"); n != nil {
		rng = n.Expr.Range()
	}
	if first.DeclRange == b.DefRange {
		return errorAt(rng, "Duplicate service name",
			"Two instances of this for_each service are named %q. Names must be unique; put each.key in the name.", svc.Name)
	}
	return errorAt(rng, "Duplicate service name",
		"This block makes a service named %q, but one was already declared at %s. Names must be unique; change the for_each keys or the name.",
		svc.Name, at(first.DeclRange))
}

// EmptySpec returns the spec of a directory that holds none yet: no
// services, links, loads or scenarios, and the project defaults. berth
// diff reviews a spec that a change adds (or removes) against it.
func EmptySpec(dir, project string) *Spec {
	s := newSpec(dir, nil)
	s.Project = project
	return s
}
