package lang

import (
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
)

var portBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "published"}, {Name: "target", Required: true}, {Name: "host_ip"},
		{Name: "protocol"}, {Name: "mode"},
	},
}

func (st *loadState) decodePortBlock(b *hcl.Block, ctx *hcl.EvalContext) Port {
	c := st.content(b.Body, portBlockSchema)
	a := st.attrsOf(c, ctx)
	p := Port{Protocol: "tcp", DeclRange: b.DefRange}
	a.integer("published", &p.Published)
	a.integer("target", &p.Target)
	a.str("host_ip", &p.HostIP)
	a.enum("protocol", "protocol", &p.Protocol, "tcp", "udp", "sctp")
	a.enum("mode", "port mode", &p.Mode, "ingress", "host")
	a.need(p.Published >= 0 && p.Published <= 65535, "published", b.DefRange, "published must be a port number from 1 to 65535 (or 0 for none), not %d.", p.Published)
	a.need(p.Target >= 1 && p.Target <= 65535 || !a.has("target"), "target", b.DefRange, "target must be a port number from 1 to 65535, not %d.", p.Target)
	return p
}

var mountBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "volume"}, {Name: "source"}, {Name: "target", Required: true}, {Name: "read_only"},
	},
}

func (st *loadState) decodeMountBlock(b *hcl.Block, ctx *hcl.EvalContext) Mount {
	c := st.content(b.Body, mountBlockSchema)
	a := st.attrsOf(c, ctx)
	var m Mount
	a.name("volume", &m.Volume)
	a.str("source", &m.Source)
	a.str("target", &m.Target)
	a.boolean("read_only", &m.ReadOnly)
	if m.Target != "" && !strings.HasPrefix(m.Target, "/") {
		st.add(errorAt(a.rng("target"), "Mount target is not an absolute path",
			"A mount's target is a path inside the container and must start with \"/\", for example \"/%s\".", m.Target))
	}
	if m.Volume != "" && m.Source != "" {
		st.add(errorAt(a.rng("source"), "Conflicting arguments",
			"A mount takes a volume or a source (a bind), not both. Remove one."))
	}
	st.ref("volume", m.Volume, a.rng("volume"), "the mount")
	return m
}

// minMemory is the smallest memory limit Docker accepts (moby's
// linuxMinMemory since 20.10).
const minMemory = 6 << 20

var resourcesBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "cpus"}, {Name: "memory"}},
}

func (st *loadState) decodeResourcesBlock(b *hcl.Block, ctx *hcl.EvalContext) Resources {
	c := st.content(b.Body, resourcesBlockSchema)
	a := st.attrsOf(c, ctx)
	var r Resources
	a.number("cpus", &r.CPUs)
	a.need(r.CPUs >= 0, "cpus", b.DefRange, "cpus must be 0 (no limit) or more, not %g.", r.CPUs)
	// The kernel's smallest CFS quota is 1 ms of a 100 ms period, and
	// Docker (20.10 and later) refuses a memory limit under 6 MiB: the
	// container would fail to be created on apply.
	a.need(r.CPUs <= 0 || r.CPUs >= 0.01, "cpus", b.DefRange,
		"cpus = %g is below the 0.01 CPU that Docker can give a container (a quota of 1 ms every 100 ms); the container would fail to start. Use 0.01 or more, or 0 for no limit.", r.CPUs)
	a.size("memory", &r.Memory)
	a.need(r.Memory == 0 || r.Memory >= minMemory, "memory", b.DefRange,
		"memory = %d bytes is below Docker's minimum memory limit of 6MiB; the container would not be created. Use \"6MiB\" or more, or leave memory out for no limit.", r.Memory)
	return r
}

// minHealthDuration is the shortest interval, timeout or start_period
// Docker takes in a health check (moby's containertypes.MinimumDuration).
const minHealthDuration = time.Millisecond

var healthBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "http"}, {Name: "cmd"}, {Name: "interval"}, {Name: "timeout"},
		{Name: "retries"}, {Name: "start_period"},
	},
}

func (st *loadState) decodeHealthBlock(b *hcl.Block, ctx *hcl.EvalContext) *Health {
	c := st.content(b.Body, healthBlockSchema)
	a := st.attrsOf(c, ctx)
	h := &Health{Interval: 30 * time.Second, Timeout: 30 * time.Second, Retries: 3, DeclRange: b.DefRange}
	a.requireOne(b.DefRange, "health", "http", "cmd")
	a.str("http", &h.HTTP)
	st.checkHealthPath(h.HTTP, a.rng("http"))
	a.strings("cmd", &h.Cmd)
	if len(h.Cmd) > 0 && h.Cmd[0] == "NONE" {
		st.add(errorAt(a.rng("cmd"), "Health check that checks nothing",
			`cmd = ["NONE"] turns Docker's health check off, but a health block is what gives a service one: berth waits for its replicas to be healthy on apply, and the simulator probes them, so this one would never pass. Remove the health block; the service then has no check (an image's own HEALTHCHECK still runs in Docker, and berth does not wait for it).`))
	}
	a.duration("interval", &h.Interval)
	a.duration("timeout", &h.Timeout)
	a.integer("retries", &h.Retries)
	a.duration("start_period", &h.StartPeriod)
	a.need(h.Interval > 0, "interval", b.DefRange, "interval must be more than zero.")
	a.need(h.Timeout > 0, "timeout", b.DefRange, "timeout must be more than zero.")
	// Docker refuses a health check whose durations are below 1 ms
	// (moby: "Interval in Healthcheck cannot be less than 1ms").
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"interval", h.Interval}, {"timeout", h.Timeout}, {"start_period", h.StartPeriod}} {
		a.need(d.v <= 0 || d.v >= minHealthDuration, d.name, b.DefRange,
			"%s = %s is below the 1ms that Docker accepts in a health check; the container would not be created. Use 1ms or more.", d.name, d.v)
	}
	a.need(h.Retries >= 1, "retries", b.DefRange, "retries must be at least 1, not %d: a replica is marked unhealthy after that many failed probes.", h.Retries)
	return h
}

// checkHealthPath reports a health http that is not a path: the probe
// is http://127.0.0.1:PORT followed by it, so "healthz" or a whole URL
// would make a probe that never answers.
func (st *loadState) checkHealthPath(path string, rng hcl.Range) {
	switch {
	case path == "" || strings.HasPrefix(path, "/"):
	case strings.Contains(path, "://"):
		st.add(errorAt(rng, "Invalid health path",
			"http is the path the probe asks for on the service's own port, such as \"/healthz\", not a URL (%q).", path))
	default:
		st.add(errorAt(rng, "Invalid health path",
			"http is a path on the service's own port and starts with \"/\". Did you mean \"/%s\"?", path))
	}
}

var restartBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "condition"}, {Name: "delay"}, {Name: "max_attempts"}, {Name: "window"},
	},
}

func (st *loadState) decodeRestartBlock(b *hcl.Block, ctx *hcl.EvalContext) Restart {
	c := st.content(b.Body, restartBlockSchema)
	a := st.attrsOf(c, ctx)
	r := Restart{Condition: "any", Delay: 5 * time.Second}
	a.enum("condition", "restart condition", &r.Condition, "any", "on-failure", "none")
	a.duration("delay", &r.Delay)
	a.integer("max_attempts", &r.MaxAttempts)
	a.duration("window", &r.Window)
	a.need(r.MaxAttempts >= 0, "max_attempts", b.DefRange, "max_attempts must be 0 (no limit) or more, not %d.", r.MaxAttempts)
	return r
}

var updateBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "parallelism"}, {Name: "delay"}, {Name: "order"}, {Name: "failure_action"},
		{Name: "monitor"}, {Name: "max_failure_ratio"},
	},
}

func defaultUpdate() Update {
	return Update{Parallelism: 1, Order: "stop-first", FailureAction: "pause", Monitor: 5 * time.Second}
}

// decodeUpdateBlock decodes an `update {}` or `rollback {}` block.
func (st *loadState) decodeUpdateBlock(b *hcl.Block, ctx *hcl.EvalContext) Update {
	c := st.content(b.Body, updateBlockSchema)
	a := st.attrsOf(c, ctx)
	u := defaultUpdate()
	a.integer("parallelism", &u.Parallelism)
	a.duration("delay", &u.Delay)
	a.enum("order", "update order", &u.Order, "stop-first", "start-first")
	a.enum("failure_action", "failure action", &u.FailureAction, "pause", "continue", "rollback")
	a.duration("monitor", &u.Monitor)
	a.number("max_failure_ratio", &u.MaxFailureRatio)
	a.need(u.Parallelism >= 0, "parallelism", b.DefRange, "parallelism must be 0 (all at once) or more, not %d.", u.Parallelism)
	a.need(u.MaxFailureRatio >= 0 && u.MaxFailureRatio <= 1, "max_failure_ratio", b.DefRange, "max_failure_ratio must be between 0 and 1, not %g.", u.MaxFailureRatio)
	return u
}

var placementBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "constraints"}, {Name: "max_replicas_per_node"}, {Name: "spread"},
	},
}

func (st *loadState) decodePlacementBlock(b *hcl.Block, ctx *hcl.EvalContext) Placement {
	c := st.content(b.Body, placementBlockSchema)
	a := st.attrsOf(c, ctx)
	p := Placement{DeclRange: b.DefRange}
	a.strings("constraints", &p.Constraints)
	a.integer("max_replicas_per_node", &p.MaxReplicasPerNode)
	a.strings("spread", &p.Spread)
	a.need(p.MaxReplicasPerNode >= 0, "max_replicas_per_node", b.DefRange, "max_replicas_per_node must be 0 (no limit) or more, not %d.", p.MaxReplicasPerNode)
	return p
}

var capacityBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "workers"}, {Name: "queue"}, {Name: "service_time"}, {Name: "model"}, {Name: "startup"},
	},
}

func (st *loadState) decodeCapacityBlock(b *hcl.Block, ctx *hcl.EvalContext) Capacity {
	c := st.content(b.Body, capacityBlockSchema)
	a := st.attrsOf(c, ctx)
	cp := Capacity{Workers: 64, Queue: 256, Model: ModelThread, DeclRange: b.DefRange}
	a.integer("workers", &cp.Workers)
	a.integer("queue", &cp.Queue)
	a.dist("service_time", &cp.ServiceTime)
	a.model(&cp.Model)
	a.dist("startup", &cp.Startup)
	a.need(cp.Workers >= 1, "workers", b.DefRange, "workers must be at least 1, not %d: a replica without workers can serve nothing. Set workers = 1 or more.", cp.Workers)
	a.need(cp.Queue >= 0, "queue", b.DefRange, "queue must be 0 (no waiting room) or more, not %d.", cp.Queue)
	return cp
}
