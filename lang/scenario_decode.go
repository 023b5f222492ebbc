package lang

import (
	"slices"
	"strings"

	"github.com/berth-dev/berth/internal/words"
	"github.com/hashicorp/hcl/v2"
)

var scenarioBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "load"}, {Name: "backend"}},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "fault", LabelNames: []string{"kind"}},
		{Type: "expect"}, dynamicHeader,
	},
}

// decodeScenarioBlock decodes a `scenario "name" {}` block.
func (st *loadState) decodeScenarioBlock(b *hcl.Block) *Scenario {
	c := st.content(b.Body, scenarioBlockSchema)
	a := st.attrsOf(c, st.ctx)
	sc := &Scenario{Name: b.Labels[0], DeclRange: b.DefRange}
	a.name("load", &sc.Load)
	if !a.has("load") {
		st.defaultScenarioLoad(sc, b)
	}
	st.ref("load", sc.Load, a.rng("load"), "the scenario")
	a.enum("backend", "backend", &sc.Backend, BackendCompose, BackendSwarm)
	for _, sb := range st.expandDynamic(c.Blocks, st.ctx, scenarioBlockSchema) {
		nb := sb.Block
		switch nb.Type {
		case "fault":
			sc.Faults = append(sc.Faults, st.decodeFaultBlock(nb, sb.ctx))
		case "expect":
			if sc.Expect != nil {
				st.add(errorAt(nb.DefRange, "Duplicate expect block", "A scenario has one expect block; merge them."))
				continue
			}
			ec := st.content(nb.Body, expectBlockSchema)
			e := st.decodeExpect(st.attrsOf(ec, st.ctx), nb.DefRange)
			sc.Expect = &e
		}
	}
	st.checkLateFaults(sc)
	return sc
}

// defaultScenarioLoad uses the only load of the spec when a scenario names
// none.
func (st *loadState) defaultScenarioLoad(sc *Scenario, b *hcl.Block) {
	loads := st.decls.blocks["load"]
	if len(loads) == 1 {
		sc.Load = loads[0].Labels[0]
		return
	}
	if len(loads) == 0 {
		st.add(errorAt(b.DefRange, "Missing scenario load",
			`A scenario runs a load, and the spec declares none. Declare one, like load "peak" { entry = service.NAME  rate = 100 }; the scenario then runs it.`))
		return
	}
	st.add(errorAt(b.DefRange, "Missing scenario load",
		"The spec declares %s, so the scenario must say which one it runs. Add load = load.NAME.", plural(len(loads), "load")))
}

var faultBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "service"}, {Name: "peer"}, {Name: "replicas"}, {Name: "node"},
		{Name: "at", Required: true}, {Name: "duration"}, {Name: "delay"}, {Name: "probability"},
	},
}

// faultKinds lists the fault kinds and the attributes each requires.
var faultKinds = map[string][]string{
	FaultKill:      {"service"},
	FaultHang:      {"service"},
	FaultSlow:      {"service", "delay"},
	FaultNodeDown:  {"node"},
	FaultPartition: {"service", "peer"},
	FaultError:     {"service"},
}

// faultArgs lists the arguments each fault kind uses besides at and
// duration; any other would be silently ignored (probability is refused
// on its own, with its own hint).
var faultArgs = map[string][]string{
	FaultKill:      {"service", "replicas"},
	FaultHang:      {"service", "replicas"},
	FaultSlow:      {"service", "replicas", "delay"},
	FaultNodeDown:  {"node"},
	FaultPartition: {"service", "peer"},
	FaultError:     {"service", "replicas", "probability"},
}

// checkFaultArgs refuses an argument that the fault's kind does not use
// (node on a kill, replicas on a partition, ...).
func (st *loadState) checkFaultArgs(a attrs, kind string) {
	uses, ok := faultArgs[kind]
	if !ok {
		return
	}
	for _, name := range []string{"service", "peer", "replicas", "node", "delay"} {
		if !a.has(name) || slices.Contains(uses, name) {
			continue
		}
		takes := append(slices.Clone(uses), "at")
		if kind != FaultKill {
			takes = append(takes, "duration")
		}
		st.add(errorAt(a.nameRng(name), "Unsupported argument",
			"%s does not use %s, so it would be ignored. It takes %s; %s belongs to %s. Remove it, or change the fault's kind.",
			capitalize(words.A(kind+" fault")), name, strings.Join(takes, ", "), name, faultKindsWith(name)))
	}
}

// faultKindsWith names the fault kinds that use an argument.
func faultKindsWith(name string) string {
	var kinds []string
	for _, k := range keysOf(faultArgs) {
		if slices.Contains(faultArgs[k], name) {
			kinds = append(kinds, k)
		}
	}
	return strings.Join(kinds, ", ")
}

// decodeFaultBlock decodes a `fault "kind" {}` block.
func (st *loadState) decodeFaultBlock(b *hcl.Block, ctx *hcl.EvalContext) *Fault {
	n := len(st.diags)
	c := st.content(b.Body, faultBlockSchema)
	bodyDiags := st.diags[n:]
	a := st.attrsOf(c, ctx)
	f := &Fault{Kind: b.Labels[0], DeclRange: b.DefRange}
	required, ok := faultKinds[f.Kind]
	if !ok {
		st.add(unknownEnum(b.LabelRanges[0], "fault kind", f.Kind, keysOf(faultKinds)))
	}
	for _, r := range required {
		what := capitalize(words.A(f.Kind + " fault"))
		if !a.has(r) && !attachMissingArg(bodyDiags, what, r) {
			st.add(errorAt(b.DefRange, "Missing required argument", "%s needs %q. Add it.", what, r))
		}
	}
	st.checkFaultArgs(a, f.Kind)
	if f.Kind == FaultKill || f.Kind == FaultHang || f.Kind == FaultSlow {
		f.Replicas = 1
	}
	a.name("service", &f.Service)
	a.name("peer", &f.Peer)
	a.integer("replicas", &f.Replicas)
	f.ReplicasRange = a.rng("replicas")
	a.integer("node", &f.Node)
	a.duration("at", &f.At)
	f.AtRange = a.rng("at")
	a.duration("duration", &f.Duration)
	if f.Kind == FaultKill && a.has("duration") {
		st.add(killDuration(a.rng("duration")))
	}
	a.dist("delay", &f.Delay)
	st.decodeFaultProbability(a, f)
	st.ref("service", f.Service, a.rng("service"), "the fault")
	st.ref("service", f.Peer, a.rng("peer"), "the fault")
	if f.Kind == FaultPartition && f.Peer != "" && f.Peer == f.Service {
		st.add(errorAt(a.rng("peer"), "Partition with itself",
			"A partition cuts the calls between two services, but service and peer are both %q, and a service never calls itself: it would cut nothing. Set peer to a service that %q calls or that calls it.", f.Peer, f.Peer))
	}
	a.need(f.Kind != FaultError || !a.has("replicas") || f.Replicas >= 1, "replicas", b.DefRange,
		"replicas must be 1 or more, not %d: an error fault hits that many replicas of the service (every one when replicas is left out).", f.Replicas)
	hitsReplicas := f.Kind == FaultKill || f.Kind == FaultHang || f.Kind == FaultSlow
	a.need(!hitsReplicas || !a.has("replicas") || f.Replicas >= 1, "replicas", b.DefRange,
		"replicas must be 1 or more, not %d: %s hits that many replicas of the service (1 when replicas is left out); to hit none, remove the fault.", f.Replicas, words.A(f.Kind+" fault"))
	if a.has("node") && (f.Node < 1 || f.Node > st.spec.Nodes) {
		st.add(errorAt(a.rng("node"), "Unknown node",
			"node %d does not exist: the project has %s, numbered from 1 to %d. Set node to one of them, or raise berth { nodes }.",
			f.Node, plural(st.spec.Nodes, "node"), st.spec.Nodes))
	}
	return f
}
