package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

var serviceBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "for_each"}, {Name: "name"}, {Name: "image"}, {Name: "command"},
		{Name: "replicas"}, {Name: "networks"}, {Name: "depends_on"}, {Name: "env"},
		{Name: "labels"}, {Name: "secrets"}, {Name: "configs"}, {Name: "endpoint_mode"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "port"}, {Type: "mount"}, {Type: "resources"}, {Type: "health"},
		{Type: "restart"}, {Type: "update"}, {Type: "rollback"}, {Type: "placement"},
		{Type: "capacity"}, {Type: "endpoint", LabelNames: []string{"name"}},
		{Type: "consume", LabelNames: []string{"queue"}}, dynamicHeader,
	},
}

// newService returns a service with every documented default.
func newService(name string, rng hcl.Range) *Service {
	return &Service{
		Name:      name,
		Replicas:  1,
		Restart:   Restart{Condition: "any", Delay: 5 * time.Second},
		Update:    defaultUpdate(),
		Capacity:  Capacity{Workers: 64, Queue: 256, Model: ModelThread, DeclRange: rng},
		DeclRange: rng,
	}
}

// decodeServiceBlock decodes a `service "name" {}` block: one service, or
// one per for_each instance.
func (st *loadState) decodeServiceBlock(b *hcl.Block) []*Service {
	label := b.Labels[0]
	if syntaxAttr(b.Body, "for_each") == nil {
		if n := syntaxAttr(b.Body, "name"); n != nil {
			st.add(errorAt(n.NameRange, "Unexpected name attribute",
				"Only a service with for_each sets name; the name of service %q is its label. Remove name, or rename the block.", label))
		}
		return []*Service{st.decodeService(b, label, st.ctx)}
	}
	var out []*Service
	for _, in := range st.forEach[label] {
		s := st.decodeService(b, in.name, eachContext(st.ctx, in.key, in.value))
		s.BlockName, s.Key = label, in.key
		out = append(out, s)
	}
	return out
}

// decodeService decodes one service body in ctx.
func (st *loadState) decodeService(b *hcl.Block, name string, ctx *hcl.EvalContext) *Service {
	c := st.content(b.Body, serviceBlockSchema)
	a := st.attrsOf(c, ctx)
	s := newService(name, b.DefRange)
	a.str("image", &s.Image)
	a.strings("command", &s.Command)
	a.integer("replicas", &s.Replicas)
	a.need(s.Replicas >= 0, "replicas", b.DefRange, "replicas must be 0 or more, not %d.", s.Replicas)
	a.names("networks", &s.Networks)
	a.names("depends_on", &s.DependsOn)
	a.allowSensitive(&s.Sensitive, "env").stringMap("env", &s.Env)
	s.EnvParts = envParts(a)
	a.userLabels("labels", &s.Labels)
	a.names("secrets", &s.Secrets)
	a.names("configs", &s.Configs)
	a.enum("endpoint_mode", "endpoint mode", &s.EndpointMode, "vip", "dnsrr")
	st.serviceRefs(a, s)
	st.decodeServiceBlocks(s, c.Blocks, ctx)
	if len(s.Endpoints) == 0 {
		s.Endpoints = []*Endpoint{{Name: "default", Weight: 1, Flow: &Step{Kind: StepSequence, DeclRange: b.DefRange}, DeclRange: b.DefRange}}
	}
	return s
}

// serviceRefs records the names a service refers to.
func (st *loadState) serviceRefs(a attrs, s *Service) {
	for _, n := range s.Networks {
		if n != DefaultNetwork {
			st.ref("network", n, a.rng("networks"), "networks")
		}
	}
	for _, n := range s.DependsOn {
		st.ref("service", n, a.rng("depends_on"), "depends_on")
	}
	for _, n := range s.Secrets {
		st.ref("secret", n, a.rng("secrets"), "secrets")
	}
	for _, n := range s.Configs {
		st.ref("config", n, a.rng("configs"), "configs")
	}
}

// decodeServiceBlocks decodes the nested blocks of a service.
func (st *loadState) decodeServiceBlocks(s *Service, blocks hcl.Blocks, ctx *hcl.EvalContext) {
	seen := map[string]hcl.Range{}
	for _, sb := range st.expandDynamic(blocks, ctx, serviceBlockSchema) {
		nb, ctx := sb.Block, sb.ctx
		switch nb.Type {
		case "port":
			s.Ports = append(s.Ports, st.decodePortBlock(nb, ctx))
		case "mount":
			s.Mounts = append(s.Mounts, st.decodeMountBlock(nb, ctx))
		case "resources":
			s.Resources = st.decodeResourcesBlock(nb, ctx)
		case "health":
			s.Health = st.decodeHealthBlock(nb, ctx)
		case "restart":
			s.Restart = st.decodeRestartBlock(nb, ctx)
		case "update":
			s.Update = st.decodeUpdateBlock(nb, ctx)
		case "rollback":
			r := st.decodeUpdateBlock(nb, ctx)
			s.Rollback = &r
		case "placement":
			s.Placement = st.decodePlacementBlock(nb, ctx)
		case "capacity":
			s.Capacity = st.decodeCapacityBlock(nb, ctx)
		case "endpoint":
			if e := st.decodeEndpointBlock(nb, ctx, seen); e != nil {
				s.Endpoints = append(s.Endpoints, e)
			}
		case "consume":
			st.addConsume(s, st.decodeConsumeBlock(nb, ctx))
		}
	}
}

// addConsume adds c to s's consumers, refusing a second consumer of the
// same queue: each consume block is a subscription that gets every
// message, so the service would handle each message twice.
func (st *loadState) addConsume(s *Service, c *Consume) {
	for _, prev := range s.Consumes {
		if prev.Queue == c.Queue && c.Queue != "" {
			st.add(errorAt(c.DeclRange, "Duplicate consume",
				"Service %q already consumes %q, at %s. Each consume block is a subscription that receives every message, so the service would handle each message twice. Remove one; for more consumers raise concurrency.",
				s.Name, c.Queue, at(prev.DeclRange)))
			return
		}
	}
	s.Consumes = append(s.Consumes, c)
}

// modelAliases are the other names of the concurrency models: the BRIEF's
// non-blocking gateway, and the reactive (RxJava) gateway of the seed.
var modelAliases = map[string]string{"non-blocking": ModelAsync, "reactive": ModelAsync}

// model decodes capacity.model: thread, async, or an alias of async.
func (a attrs) model(dst *string) {
	v, ok := a.typed("model", cty.String, "a string")
	if !ok {
		return
	}
	s := v.AsString()
	if alias, ok := modelAliases[s]; ok {
		s = alias
	}
	if s == ModelThread || s == ModelAsync {
		*dst = s
		return
	}
	a.add(unknownEnum(a.rng("model"), "concurrency model", v.AsString(), []string{ModelThread, ModelAsync, "non-blocking", "reactive"}))
}
